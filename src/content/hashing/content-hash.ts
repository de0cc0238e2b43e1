import { createHash } from 'node:crypto';

/**
 * Bump when the importer starts storing something differently (for example the Markdown renderer
 * changes): the tree hash then differs and lessons are re-rendered. Question versions do not depend
 * on it, so bumping never creates new question versions.
 */
export const IMPORT_FORMAT_VERSION = 'content-import-v1';

/** JSON with object keys sorted, so equal content always hashes the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const hashOf = (value: unknown): string => sha256(stableStringify(value));

/** One hash for a set of files: path and text of each, in path order. */
export function treeHashOf(files: Array<{ path: string; text: string }>): string {
  const hash = createHash('sha256').update(IMPORT_FORMAT_VERSION);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
    {hash.update(`\0${f.path}\0${f.text}`);}
  return hash.digest('hex');
}
