/** Imported first by tests of the app with Redis unreachable: nothing listens on this port. */
process.env.REDIS_PORT = '6398';
process.env.OUTBOX_POLL_MS = '100';
export {};
