import { formatBureauDateTime } from '../common/time/bureau-time';

const MAX_LENGTH = 160;
/** An instant as JSON writes it (`2026-12-31T15:59:59.999Z`): shown in Beijing time like every other time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a field's name and value read; the default shows them as stored. */
export interface ChangeFormatter {
  field(key: string): string;
  value(key: string, value: unknown): string;
}

export const show = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join('、');
  if (isRecord(v)) return JSON.stringify(v);
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return `${formatBureauDateTime(new Date(v))}（北京时间）`;
  return String(v);
};

const RAW: ChangeFormatter = { field: (k) => k, value: (_k, v) => show(v) };

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * One line for the audit table: the fields that changed (`name: 张三 → 张三丰`), or the values of a
 * one-sided entry. Full before/after stay available through GET /api/audit.
 */
export function summariseChange(
  before: unknown,
  after: unknown,
  fmt: ChangeFormatter = RAW,
  max = MAX_LENGTH,
): string {
  const sep = fmt === RAW ? ['=', ': '] : ['：', '：'];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return clip(
      changed
        .map((k) => `${fmt.field(k)}${sep[1]}${fmt.value(k, before[k])} → ${fmt.value(k, after[k])}`)
        .join('；'),
      max,
    );
  }
  const one = isRecord(after) ? after : isRecord(before) ? before : null;
  // Read by people (a formatter given), empty fields of a one-sided entry are noise: left out.
  const shown = (v: unknown) =>
    fmt === RAW || !(v === null || v === undefined || (Array.isArray(v) && v.length === 0));
  if (one) {
    return clip(
      Object.entries(one)
        .filter(([, v]) => shown(v))
        .map(([k, v]) => `${fmt.field(k)}${sep[0]}${fmt.value(k, v)}`)
        .join('；'),
      max,
    );
  }
  if (before === null && after === null) return '';
  return clip(`${show(before)} → ${show(after)}`, max);
}
