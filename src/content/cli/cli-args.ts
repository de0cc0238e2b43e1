import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/** `.env` first (like the app), then the directory: argument, CONTENT_DIR, or ./content. */
export function contentDirFromArgs(argv = process.argv.slice(2)): string {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const arg = argv.find((a) => !a.startsWith('-'));
  return arg ?? process.env.CONTENT_DIR ?? './content';
}

/** A path to print: relative to the working directory, so editors and terminals can open it. */
export const displayPath = (dir: string, file: string): string =>
  relative(process.cwd(), resolve(dir, file)) || file;
