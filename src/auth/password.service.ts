import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

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

@Injectable()
export class PasswordService {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
