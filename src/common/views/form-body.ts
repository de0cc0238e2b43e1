/**
 * Reading an urlencoded form body: any field may be missing or arrive repeated (an array) from a
 * crafted request, so a page never trusts its type.
 */

/** The field as text, or '' when it is missing or repeated. Not trimmed: passwords and CSV keep their spaces. */
export const formText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The field as a list of strings (a single value is a list of one; non-strings are dropped). */
export const formList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter((v): v is string => typeof v === 'string');
