/**
 * Polls `read` every 100 ms until `ok` holds, then returns that value; after `seconds` it fails naming
 * `what`. For queue and worker effects the tests cannot await directly.
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  seconds = 20,
): Promise<T> {
  for (let i = 0; i < seconds * 10; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
