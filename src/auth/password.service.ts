import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { FifoSemaphore } from '../common/concurrency/fifo-semaphore';
import { AppConfig } from '../config/app-config';

/**
 * OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane (~25 ms here instead of
 * ~450 ms with node-argon2's defaults of 64 MiB, t=3, p=4). Older hashes are rehashed at sign-in.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A handful of the most common passwords (OWASP ASVS 2.1.7 asks to refuse known-weak ones). */
const COMMON_PASSWORDS = new Set([
  '12345678', '123456789', '1234567890', 'password', 'password1', 'password123', 'qwertyui', 'qwerty123',
  '11111111', '88888888', '00000000', 'abcd1234', 'iloveyou', 'admin123', 'admin1234', 'a1234567',
  '1qaz2wsx', 'woaini1314', 'aa123456', 'qq123456', 'abc12345', 'p@ssw0rd', 'passw0rd', 'zxcvbnm1',
]);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Returns an error code, or null when the password is acceptable (ASVS: 8+ chars, 64+ accepted). */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password_too_short';
  if (length > PASSWORD_MAX) return 'password_too_long';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'password_too_common';
  if (username && password.toLowerCase() === username.toLowerCase()) return 'password_equals_username';
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
      return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, { memoryCost, timeCost, parallelism });
    } catch {
      return true;
    }
  }
}
