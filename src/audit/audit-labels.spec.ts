import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { actionLabel, AUDIT_ACTION_LABELS } from './audit-labels';
import { beijingMinute, endOfBeijingDay, startOfBeijingDay } from './audit-time';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });

describe('audit action names', () => {
  it('should have a Chinese name for every action code the app writes', () => {
    const written = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      if (!/\.record(In)?\(/.test(text)) continue;
      // Action codes are written as literals next to `action:` (possibly in a ternary).
      for (const line of text.split('\n').filter((l) => /\baction:/.test(l))) {
        for (const m of line.matchAll(/'([a-z]+(?:\.[a-z_]+)+)'/g)) written.add(m[1]);
      }
    }
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((code) => !AUDIT_ACTION_LABELS[code])).toEqual([]);
  });

  it('should show an unknown code as the code itself', () => {
    expect(actionLabel('user.create')).toBe('新增用户');
    expect(actionLabel('something.new')).toBe('something.new');
  });
});

describe('Beijing time', () => {
  it('should show an instant as Beijing wall-clock time to the minute', () => {
    expect(beijingMinute(new Date('2026-12-01T06:05:59Z'))).toBe('2026-12-01 14:05');
    expect(beijingMinute(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
  });

  it('should turn a date into the Beijing day it names and refuse dates that do not exist', () => {
    expect(startOfBeijingDay('2026-12-01')?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(endOfBeijingDay('2026-12-01')?.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(startOfBeijingDay('2026-02-30')).toBeNull();
    expect(startOfBeijingDay('yesterday')).toBeNull();
  });
});
