import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let appVersion: string | undefined;

/** What runs, for admins diagnosing a deployment: app version from package.json, Node, platform. */
export function runtimeVersions(): { app: string; node: string; platform: string } {
  appVersion ??= readAppVersion();
  return { app: appVersion, node: process.version, platform: `${process.platform}-${process.arch}` };
}

function readAppVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
