#!/usr/bin/env node
// `npm start` runs this first (prestart): it builds dist/ only when dist/main.js is missing or older
// than a source file or the build configuration, so a second `npm start` starts at once.
// Templates (views/) and content/ are read at run time and never need a build. `npm run build`
// always builds.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const output = join(root, 'dist', 'main.js');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const changed = inputs.map((p) => newest(join(root, p))).reduce((a, b) => Math.max(a, b), 0);
if (built > changed) {
  console.log('dist/ is up to date with src/: not rebuilding (npm run build forces a build).');
  process.exit(0);
}
console.log(built === 0 ? 'No build yet: building dist/ …' : 'src/ changed since the last build: rebuilding dist/ …');
const run = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
