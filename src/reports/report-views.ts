import type { CompetencyReportService } from './competency-report.service';
import type { DrilldownService } from './drilldown.service';
import { formatBureauDateTime } from '../common/time/bureau-time';
import { weakArticleLinks } from '../scoring/capability-view';
import { CAP2_DEFAULTS as CAP2_RULE_DEFAULTS } from '../scoring/model/cap2/cap2-model';
import { targetRuleText, type TargetRule } from '../scoring/target-rule';
import { dimensionChart, heatChart, rankingChart, trendChart } from './charts';
import { SHEET_NAMES } from './report-export';
import type { ExportTable } from './reports.dto';

type Dashboard = Awaited<ReturnType<CompetencyReportService['dashboard']>>;
type Officer = Awaited<ReturnType<DrilldownService['officer']>>;

const dash = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined ? '—' : `${v}${unit}`;
/** A capability figure: null is 未评定 (model cap-2: too little evidence), never 50 and never a dash that reads as zero. */
const rated = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined ? '未评定' : `${v}${unit}`;
const qs = (params: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

/**
 * 「数据更新于 …」 under the heading. `asOf` (when the dashboard figures were computed; `current` false
 * while a newer recomputation runs in the background) is read defensively: older payloads lack it.
 */
function asOfView(d: Dashboard) {
  const asOf = (d as { asOf?: { computedAt: string; current: boolean } }).asOf;
  const at = asOf ? new Date(asOf.computedAt) : null;
  if (!asOf || !at || Number.isNaN(at.getTime())) return null;
  return { text: `数据更新于 ${formatBureauDateTime(at)}`, refreshing: asOf.current === false };
}

const SORT_LABELS = {
  name: '姓名',
  unit: '单位',
  score: '能力分',
  hours: '学时',
  overdue: '逾期任务',
} as const;

/** What views/reports/competency.hbs renders: tiles, SVG charts with their tables, sortable officer list. */
export function dashboardView(
  d: Dashboard,
  filters: Record<string, string | undefined>,
  rule: TargetRule = CAP2_RULE_DEFAULTS,
) {
  const base = { unitId: d.unit.id, period: d.period };
  const heatArticles = d.heatMap.articles;
  const heatUnits = d.heatMap.units;
  const cell = (articleNo: number, unitId: string) =>
    d.heatMap.cells.find((c) => c.articleNo === articleNo && c.unitId === unitId);
  const sortLinks = (Object.keys(SORT_LABELS) as Array<keyof typeof SORT_LABELS>).map((key) => {
    const active = (filters.sort ?? 'score') === key;
    const dir = active && (filters.dir ?? 'asc') === 'asc' ? 'desc' : 'asc';
    return {
      label: SORT_LABELS[key],
      href: `/reports/competency?${qs({ ...filters, sort: key, dir, page: undefined })}`,
      active,
      dirLabel: active ? ((filters.dir ?? 'asc') === 'asc' ? '（升序）' : '（降序）') : '',
    };
  });
  const exportQs = qs({ ...filters });
  return {
    unit: d.unit,
    period: d.period,
    asOf: asOfView(d),
    filters,
    tiles: [
      { label: '干部人数', value: dash(d.tiles.officers, ' 人'), testid: 'tile-officers' },
      { label: '培训覆盖率', value: dash(d.tiles.coverage, '%'), testid: 'tile-coverage' },
      { label: '课程测验合格率', value: dash(d.tiles.passRate, '%'), testid: 'tile-pass-rate' },
      { label: '平均能力分', value: rated(d.tiles.meanCapability, ' 分'), testid: 'tile-capability' },
      { label: '有逾期任务的干部', value: dash(d.tiles.overdueOfficers, ' 人'), testid: 'tile-overdue' },
    ],
    indicators: d.indicators.map((r) => ({
      ...r,
      actualText: r.actual === null ? '—' : `${r.actual}${r.unit === '%' ? '%' : ` ${r.unit}`}`,
      targetText: `${r.target}${r.unit === '%' ? '%' : ` ${r.unit}`}`,
      metText: r.met === null ? '无数据' : r.met ? '达标' : '未达标',
      basisText: r.basis ? `${r.basis.numerator} / ${r.basis.denominator}` : '',
    })),
    dimensions: d.dimensions.map((x) => ({
      ...x,
      valueText: rated(x.value),
      href: `/reports/dimensions/${x.code}?${qs(base)}`,
    })),
    dimensionSvg: dimensionChart(
      d.dimensions.map((x) => x.label),
      d.dimensions.map((x) => x.value),
      d.dimensions[0]?.target ?? 70,
    ),
    trend: d.trend.map((t) => ({ ...t, valueText: dash(t.value) })),
    trendSvg: trendChart(
      d.trend.map((t) => t.month),
      d.trend.map((t) => t.value),
    ),
    hasTrend: d.trend.some((t) => t.value !== null),
    ranking: d.ranking.map((r, i) => ({
      ...r,
      rank: i + 1,
      meanText: dash(r.meanScore),
      metText: dash(r.metRate, '%'),
      href: r.own ? null : `/reports/competency?${qs({ unitId: r.unitId, period: d.period })}`,
      officersHref: `/reports/competency?${qs({ ...base, subUnitId: r.own ? undefined : r.unitId })}#officers`,
    })),
    rankingSvg: d.ranking.length
      ? rankingChart(
          d.ranking.map((r) => r.unitName),
          d.ranking.map((r) => r.meanScore),
          rule.passMark,
        )
      : '',
    heat: {
      articles: heatArticles.map((a) => ({ ...a, href: `/reports/articles/${a.articleNo}?${qs(base)}` })),
      rows: heatUnits.map((u) => ({
        unitName: u.unitName,
        cells: heatArticles.map((a) => ({
          text: cell(a.articleNo, u.unitId)
            ? `${cell(a.articleNo, u.unitId)!.share}%（${cell(a.articleNo, u.unitId)!.answers}）`
            : '—',
        })),
      })),
      svg: heatArticles.length
        ? heatChart(
            heatArticles.map((a) => a.label),
            heatUnits.map((u) => u.unitName),
            d.heatMap.cells.flatMap((c) => {
              const x = heatArticles.findIndex((a) => a.articleNo === c.articleNo);
              const y = heatUnits.findIndex((u) => u.unitId === c.unitId);
              return x >= 0 && y >= 0 ? [[x, y, c.share] as [number, number, number]] : [];
            }),
          )
        : '',
    },
    officers: d.officers.items.map((o) => ({
      ...o,
      scoreText: rated(o.score),
      href: `/reports/officers/${o.id}?${qs({ period: d.period })}`,
    })),
    officerTotal: d.officers.total,
    rule: targetRuleText(rule),
    sortLinks,
    csvHref: `/api/reports/competency.csv?${exportQs}`,
    xlsxHref: `/api/reports/competency.xlsx?${exportQs}`,
    csvTables: (['indicators', 'dimensions', 'trend', 'ranking', 'heatmap'] as ExportTable[]).map((t) => ({
      table: SHEET_NAMES[t],
      href: `/api/reports/competency.csv?${qs({ ...base, table: t })}`,
    })),
    yearlyHref: `/reports/yearly?${qs({ unitId: d.unit.id, year: d.period.slice(0, 4) })}`,
    bands: ['0-60', '60-75', '75-90', '90-100'].map((b) => ({ value: b, selected: filters.band === b })),
  };
}

/** What views/reports/officer.hbs renders. */
export function officerView(o: Officer, fromReport = false) {
  const base = { unitId: o.user.unitId, period: o.period, userId: o.user.id };
  return {
    ...o,
    dimensions: o.dimensions.map((d) => ({
      ...d,
      href: `/reports/dimensions/${d.code}?${qs(base)}`,
      // a manager drills into the officer's answers on the article; the officer reads the article itself
      weakLinks: weakArticleLinks(d.weakArticles, (n) =>
        fromReport ? `/reports/articles/${n}?${qs(base)}` : `/regulation/articles/${n}`,
      ),
    })),
    dimensionSvg: dimensionChart(
      o.dimensions.map((d) => d.label),
      o.dimensions.map((d) => d.value),
      70,
    ),
    weakestArticles: o.weakestArticles.map((a) => ({
      ...a,
      href: `/reports/articles/${a.articleNo}?${qs(base)}`,
    })),
  };
}
