/** Imported first by the worker-off test: the app relays events but does not process them. */
process.env.SCORING_WORKER = 'false';
process.env.OUTBOX_POLL_MS = '100';
export {};
