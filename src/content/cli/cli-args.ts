import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/** Options that take a value (`--name VALUE` or `--name=VALUE`); the value is not the directory. */
const VALUE_OPTIONS = ['--regulation-text'];

/** `.env` first (like the app), then the directory: argument, CONTENT_DIR, or ./content. */
export function contentDirFromArgs(argv = process.argv.slice(2)): string {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const arg = argv.find((a, i) => !a.startsWith('-') && !VALUE_OPTIONS.includes(argv[i - 1]));
  return arg ?? process.env.CONTENT_DIR ?? './content';
}

/** The value of `--name VALUE` or `--name=VALUE`; undefined when not given. */
export function optionValue(name: string, argv = process.argv.slice(2)): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** A path to print: relative to the working directory, so editors and terminals can open it. */
export const displayPath = (dir: string, file: string): string =>
  relative(process.cwd(), resolve(dir, file)) || file;
