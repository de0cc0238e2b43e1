import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { FifoSemaphore } from '../common/concurrency/fifo-semaphore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { SHIPPED_DEMO_PASSWORD } from '../config/production-secrets';

/**
 * OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane (~25 ms here instead of
 * ~450 ms with node-argon2's defaults of 64 MiB, t=3, p=4). Older hashes are rehashed at sign-in.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/**
 * ASVS 6.2.4: the 17,950 most common leaked passwords of 8+ characters (zxcvbn's list, MIT; source
 * and licence in common-passwords/README.md), plus local habits and the published demo password.
 * Read once, on first use.
 */
let commonPasswords: Set<string> | undefined;
const LOCAL_COMMON = [
  'woaini1314',
  'woaiwojia',
  'qq123456',
  'aa123456',
  'a1234567',
  'admin123',
  'admin1234',
  'abcd1234',
  'p@ssw0rd',
  'xinfang123',
  'xinfang2026',
  'xinfang@123',
  SHIPPED_DEMO_PASSWORD.toLowerCase(),
];
function commonList(): Set<string> {
  if (!commonPasswords) {
    const text = readFileSync(join(__dirname, 'common-passwords', 'zxcvbn-common-passwords.txt'), 'utf8');
    commonPasswords = new Set([...text.split('\n').filter((line) => line !== ''), ...LOCAL_COMMON]);
  }
  return commonPasswords;
}

/** `Passw0rd!` is `password` with a digit for a letter and a symbol on the end: look those up too. */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};
function lookalikes(lower: string): string[] {
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  const forms = new Set([lower, stripped]);
  for (const form of [lower, stripped]) {
    if (/\p{L}/u.test(form)) forms.add(form.replace(/[013457@$!]/g, (c) => LEET[c]));
  }
  return [...forms].filter((form) => [...form].length >= PASSWORD_MIN);
}

/** One character repeated, only whitespace, or one short piece over and over (密码密码密码密码, abcabcabc). */
const TRIVIAL = /^(?:\s+|(.+?)\1+)$/su;

/**
 * Returns an error code, or null when the password is acceptable (ASVS: 8+ chars, 64+ accepted;
 * case-insensitive checks). The demo accounts are seeded with the demo password, never through here.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password_too_short';
  if (length > PASSWORD_MAX) return 'password_too_long';
  const lower = password.toLowerCase();
  if (username && lower === username.trim().toLowerCase()) return 'password_equals_username';
  if (TRIVIAL.test(password)) return 'password_too_simple';
  const common = commonList();
  if (lookalikes(lower).some((form) => common.has(form))) return 'password_too_common';
  return null;
}

/**
 * Hashing and verifying run through one small FIFO queue (PASSWORD_HASH_CONCURRENCY at a time): each
 * hash holds a libuv worker thread, which the sqlite3 driver needs too, so a burst of sign-ins (or of
 * failed guesses) waits its turn in order instead of starving the database and every other request.
 */
@Injectable()
export class PasswordService {
  private readonly gate: FifoSemaphore;

  constructor(config: AppConfig) {
    this.gate = new FifoSemaphore(config.get('PASSWORD_HASH_CONCURRENCY'));
  }

  hash(password: string): Promise<string> {
    return this.gate.run(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.gate.run(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  /** True for hashes made with other parameters (or another algorithm): rehash them at the next sign-in. */
  needsRehash(hash: string): boolean {
    try {
      const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
      return (
        !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, { memoryCost, timeCost, parallelism })
      );
    } catch {
      return true;
    }
  }
}
