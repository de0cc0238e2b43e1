import { dimensionChart, heatChart, trendChart } from './charts';

describe('server-side charts', () => {
  const charts = {
    dimensions: dimensionChart(['预防法治化', '受理法治化'], [65, null], 70),
    trend: trendChart(['2025-01', '2025-02'], [60, null]),
    heat: heatChart(['第二十二条'], ['甲街道'], [[0, 0, 50]]),
  };

  it.each(Object.entries(charts))('%s is a scalable SVG hidden from screen readers, with no script', (_name, svg) => {
    expect(svg.startsWith('<svg aria-hidden="true" focusable="false" class="report-chart-svg" ')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/<script|javascript:|on[a-z]+=/i);
  });

  it('draws the numbers it is given (labels for bars, target line, empty months)', () => {
    expect(charts.dimensions).toContain('65');
    expect(charts.dimensions).toContain('无数据');
    expect(charts.dimensions).toContain('目标 70');
    expect(charts.trend).toContain('60');
    expect(charts.heat).toContain('50');
  });
});
