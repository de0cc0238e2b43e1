import { RequestHandler } from 'express';
import { CommonErrors } from '../errors/common.errors';

/** `%00` anywhere in the URL: it decodes to U+0000 in a path parameter or a query value. */
const ENCODED_NUL = /%00/i;

/** True when a string, or any key or string value inside parsed JSON or form data, holds U+0000. */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return true;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000')) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL character in any input would fail its query with a
 * 500. No field of this app has a use for it: refuse it at the door with a stable 400.
 */
export const rejectNulCharacters: RequestHandler = (req, _res, next) => {
  if (ENCODED_NUL.test(req.originalUrl ?? req.url) || containsNul(req.body)) {
    return next(CommonErrors.requestInvalidCharacter());
  }
  next();
};
