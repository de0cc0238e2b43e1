import { randomBytes } from 'node:crypto';

/** Base32 without 0/O/1/I, so a code read aloud or typed from paper is unambiguous. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10; // 50 bits: guessing a valid code is not a practical attack

export function generateCertificateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31]; // 32 symbols: 256 % 32 == 0, no bias
  return code;
}

/** What a person typed → the stored form, or null when it cannot be a code (case, spaces, dashes ignored). */
export function normaliseCertificateCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}
