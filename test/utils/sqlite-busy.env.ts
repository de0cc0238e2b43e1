/** Imported first by the write-lock tests: a write gives up on a held SQLite lock after 1 s. */
process.env.SQLITE_BUSY_WAIT_MS = '1000';
export {};
