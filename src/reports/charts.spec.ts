import { CAPABILITY_PASS_MARK } from '../scoring/indicators/indicator-catalog';
import { dimensionChart, heatChart, rankingChart, trendChart } from './charts';

describe('server-side charts', () => {
  const charts = {
    dimensions: dimensionChart(['预防法治化', '受理法治化'], [65, null], 70),
    trend: trendChart(['2025-01', '2025-02'], [60, null]),
    heat: heatChart(['第二十二条'], ['甲街道'], [[0, 0, 50]]),
    ranking: rankingChart(['甲街道', '区住房和城乡建设局信访接待中心（本级）'], [72.5, null]),
  };

  it.each(Object.entries(charts))(
    '%s is a scalable SVG hidden from screen readers, with no script',
    (_name, svg) => {
      expect(svg.startsWith('<svg aria-hidden="true" focusable="false" class="report-chart-svg" ')).toBe(
        true,
      );
      expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(svg).not.toMatch(/<script|javascript:|on[a-z]+=/i);
    },
  );

  it('draws the numbers it is given (labels for bars, target line, empty months)', () => {
    expect(charts.dimensions).toContain('65');
    expect(charts.dimensions).toContain('无数据');
    expect(charts.dimensions).toContain('目标 70');
    expect(charts.trend).toContain('60');
    expect(charts.heat).toContain('50');
  });

  it('ranks the sub-units with their names (long ones cut with an ellipsis), the pass mark and 无数据 for unscored units', () => {
    expect(charts.ranking).toContain('>甲街道<');
    expect(charts.ranking).toMatch(/>区住房和城乡[^<]*…</);
    expect(charts.ranking).not.toContain('信访接待中心（本级）');
    expect(charts.ranking).toContain('72.5');
    expect(charts.ranking).toContain(`达标线 ${CAPABILITY_PASS_MARK}`);
    expect(charts.ranking).toContain('无数据');
  });

  it('gives each ranked unit 28 px of height so names stay readable', () => {
    const height = (svg: string) => Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)![1]);
    const names = Array.from({ length: 12 }, (_, i) => `第${i + 1}社区`);
    expect(
      height(
        rankingChart(
          names,
          names.map(() => 50),
        ),
      ) - height(rankingChart(names.slice(0, 2), [50, 50])),
    ).toBe(10 * 28);
  });
});
