/**
 * Imported FIRST by every process entry (src/main.ts). libuv creates its worker thread pool the first
 * time it is used and reads UV_THREADPOOL_SIZE only then; the default of 4 threads is shared by
 * password hashing (argon2), the sqlite3 driver, file I/O and DNS. With 8, and hashing bounded by
 * PASSWORD_HASH_CONCURRENCY, a burst of sign-ins leaves threads for the database. An explicit value in
 * the environment wins. See docs/performance.md.
 */
export const DEFAULT_UV_THREADPOOL_SIZE = 8;
process.env.UV_THREADPOOL_SIZE ??= String(DEFAULT_UV_THREADPOOL_SIZE);
