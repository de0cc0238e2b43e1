import { dashboardView } from './report-views';

type Dashboard = Parameters<typeof dashboardView>[0];

/** The smallest dashboard payload the view reads; `extra` adds or overrides fields (e.g. asOf). */
const dashboard = (extra: Record<string, unknown> = {}) =>
  ({
    unit: { id: 'u1', name: '甲街道' },
    period: '2025',
    tiles: { officers: 0, coverage: null, passRate: null, meanCapability: null, overdueOfficers: 0 },
    indicators: [],
    dimensions: [],
    trend: [],
    ranking: [],
    heatMap: { articles: [], units: [], cells: [] },
    officers: { items: [], total: 0 },
    ...extra,
  }) as unknown as Dashboard;

describe('dashboardView', () => {
  it('says when the figures were computed, in Beijing time, and that a refresh runs when they are not current', () => {
    expect(
      dashboardView(dashboard({ asOf: { computedAt: '2026-05-31T16:05:00.000Z', current: true } }), {}).asOf,
    ).toEqual({ text: '数据更新于 2026/06/01 00:05', refreshing: false });
    expect(
      dashboardView(dashboard({ asOf: { computedAt: '2026-05-31T16:05:00.000Z', current: false } }), {}).asOf
        ?.refreshing,
    ).toBe(true);
  });

  it('renders no as-of line when the payload has no (or an unreadable) asOf', () => {
    expect(dashboardView(dashboard(), {}).asOf).toBeNull();
    expect(
      dashboardView(dashboard({ asOf: { computedAt: 'not a date', current: true } }), {}).asOf,
    ).toBeNull();
  });

  it('draws the ranking chart only when there are ranked units', () => {
    expect(dashboardView(dashboard(), {}).rankingSvg).toBe('');
    const ranking = [
      {
        unitId: 'u2',
        unitName: '甲街道一社区',
        own: false,
        officers: 1,
        scored: 1,
        meanScore: 50,
        metRate: 0,
        overdueOfficers: 1,
      },
    ];
    expect(dashboardView(dashboard({ ranking }), {}).rankingSvg).toContain('甲街道一社区');
  });
});
