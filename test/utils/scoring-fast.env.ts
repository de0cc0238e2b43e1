/** Imported first by scoring tests: the outbox relay polls often so events flow within a test. */
process.env.OUTBOX_POLL_MS = '100';
process.env.SCORING_CANARY_SECONDS = '0';
export {};
