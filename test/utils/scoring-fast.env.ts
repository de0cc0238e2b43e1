/** Imported first by scoring tests: the outbox relay polls often so events flow within a test; small chunks. */
process.env.OUTBOX_POLL_MS = '100';
process.env.SCORING_CANARY_SECONDS = '0';
process.env.SCORING_CHUNK_SIZE = '3'; // a full run over the test organisation fans out into several chunk jobs
export {};
