import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters that have no place in a name or title a person types: C0 and C1 control characters
 * (BEL, ESC, tab, line breaks …), bidi embeddings, overrides, isolates and marks (U+202E turns
 * "gpj.exe" around on screen), and zero-width characters (two names that look the same but differ).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNCLEAN = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;

export const INVALID_CHARACTERS = 'invalid_characters';

/** The first offending character as U+XXXX, or null when the text is clean. */
export function uncleanCharacter(text: string): string | null {
  const match = UNCLEAN.exec(text);
  return match
    ? `U+${(match[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
    : null;
}

/**
 * For every name or title field (user and unit names, CSV import rows too). Error code
 * `invalid_characters`; `label` names the field in the Chinese message.
 */
export const IsCleanText = (label: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: INVALID_CHARACTERS,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || uncleanCharacter(value) === null,
        defaultMessage: () =>
          `${label}含有不可见字符或控制字符（如换行、零宽字符、文字方向控制符），请删除后重新输入`,
      },
    },
    options,
  );
