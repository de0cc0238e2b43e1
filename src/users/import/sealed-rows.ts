import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The rows of a queued import carry plaintext passwords until the job hashes them. They travel
 * through Redis sealed with AES-256-GCM under a key that exists only in this process's memory, so
 * Redis (and its dumps) never hold a readable password; the job is removed once it ends. A job
 * interrupted by a restart cannot be opened any more and is reported as interrupted, never imported.
 */
const KEY = randomBytes(32);

export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

export function seal(value: unknown): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Throws when the payload was sealed by another process (or altered). */
export function unseal<T>(sealed: Sealed): T {
  const decipher = createDecipheriv('aes-256-gcm', KEY, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  return JSON.parse(text) as T;
}
