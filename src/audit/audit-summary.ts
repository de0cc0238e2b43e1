import { formatBureauDateTime } from '../completions/bureau-time';

const MAX_LENGTH = 160;
/** An instant as JSON writes it (`2026-12-31T15:59:59.999Z`): shown in Beijing time like every other time. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join('、');
  if (isRecord(v)) return JSON.stringify(v);
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return `${formatBureauDateTime(new Date(v))}（北京时间）`;
  return String(v);
};

const clip = (text: string): string => (text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text);

/**
 * One line for the audit table: the fields that changed (`name: 张三 → 张三丰`), or the values of a
 * one-sided entry. Full before/after stay available through GET /api/audit.
 */
export function summariseChange(before: unknown, after: unknown): string {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return clip(changed.map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`).join('；'));
  }
  const one = isRecord(after) ? after : isRecord(before) ? before : null;
  if (one) return clip(Object.entries(one).map(([k, v]) => `${k}=${show(v)}`).join('；'));
  if (before === null && after === null) return '';
  return clip(`${show(before)} → ${show(after)}`);
}
