import type HandlebarsNs from 'handlebars';
import { toChineseNumber } from '../text/chinese-numerals';
import { highlightHtml } from '../search/normalised-search';
import { formatBureauDateTime } from '../time/bureau-time';
import { BUREAU_TZ } from '../time/bureau-time';

const dateFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: BUREAU_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

const asDate = (value: unknown): Date | null => {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
};

/** Labels the features own (roles, unit kinds); the composition root passes them in, so common/ imports no feature. */
export interface ViewLabels {
  roles: Record<string, string>;
  unitKinds: Record<string, string>;
}

/** Template helpers. Dates render in the bureau's zone (Asia/Shanghai) whatever the server's zone. */
export function registerViewHelpers(hb: typeof HandlebarsNs, labels: ViewLabels): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hb.registerHelper('dateTime', (v: unknown) => {
    const d = asDate(v);
    return d ? formatBureauDateTime(d) : '';
  });
  hb.registerHelper('date', (v: unknown) => {
    const d = asDate(v);
    return d ? dateFmt.format(d) : '';
  });
  // A due date, in the one wording the pages use: 「2026/12/31 23:59」 (Beijing time; the end of that day).
  hb.registerHelper('dueTime', (v: unknown) => {
    const d = asDate(v);
    return d ? formatBureauDateTime(d) : '';
  });
  hb.registerHelper('isoDate', (v: unknown) => asDate(v)?.toISOString() ?? '');
  hb.registerHelper('roleLabel', (r: string) => labels.roles[r] ?? r);
  hb.registerHelper('unitKindLabel', (k: string) => labels.unitKinds[k] ?? k);
  hb.registerHelper('percent', (v: number) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : ''));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v ?? null));
  hb.registerHelper('add', (a: number, b: number) => Number(a) + Number(b));
  hb.registerHelper('articleLabel', (n: number) => `第${toChineseNumber(Number(n))}条`);
  // Escaped text with the search matches in <mark> (spaces and numeral forms forgiven).
  // q: the query as typed, or a list of normalised needles (the regulation search's words and terms).
  hb.registerHelper('highlight', (text: unknown, q: unknown) =>
    new hb.SafeString(
      highlightHtml(
        text === null || text === undefined ? '' : String(text),
        typeof q === 'string' ? q : Array.isArray(q) ? q.filter((n): n is string => typeof n === 'string') : '',
      ),
    ),
  );
  hb.registerHelper('qs', (opts: { hash: Record<string, unknown> }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.hash)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const s = params.toString();
    return s ? `?${s}` : '';
  });
}
