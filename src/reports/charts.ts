import * as echarts from 'echarts';
import { CAPABILITY_PASS_MARK } from '../scoring/indicators/indicator-catalog';

/**
 * Charts drawn on the server with Apache ECharts' SSR into an SVG string: no script reaches the
 * browser (CSP allows none inline), the SVG scales with its viewBox (phone) and prints as vectors.
 * Every chart's numbers are also rendered as a table beside it for screen readers.
 */
type Option = echarts.EChartsCoreOption;

const TEXT = '#1f2933';
const BAR = '#1d4f91';
const BASE: Option = {
  animation: false,
  textStyle: { color: TEXT, fontFamily: 'sans-serif', fontSize: 13 },
  backgroundColor: 'transparent',
};

/**
 * Drawing width of the fixed-size charts: the SVG scales down to its box, so on a 375 px phone (343 px
 * box) 13 px text stays about 10 px; wider drawings shrank it to 8 px.
 */
const CHART_WIDTH = 440;

export function renderSvg(option: Option, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...BASE, ...option });
    // The SVG is decorative for assistive technology: the table beside it carries the numbers.
    return chart
      .renderToSVGString()
      .replace('<svg ', '<svg aria-hidden="true" focusable="false" class="report-chart-svg" ');
  } finally {
    chart.dispose();
  }
}

/** Bar end labels: the value, or 无数据 for a null drawn as an empty bar; a white halo keeps them legible where they cross the dashed line. */
const valueLabels = (values: Array<number | null>) => ({
  show: true,
  position: 'right',
  color: TEXT,
  textBorderColor: '#fff',
  textBorderWidth: 3,
  formatter: (p: { dataIndex: number }) =>
    values[p.dataIndex] === null ? '无数据' : String(values[p.dataIndex]),
});

/** Bar chart of the five dimensions (0–100) with the target line. */
export function dimensionChart(labels: string[], values: Array<number | null>, target: number): string {
  return renderSvg(
    {
      grid: { left: 110, right: 40, top: 24, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [
        {
          type: 'bar',
          data: values.map((v) => v ?? 0),
          itemStyle: { color: BAR },
          label: valueLabels(values),
          // Label above the plot (the line's start, as the axis is inverted), clear of the x-axis numbers.
          markLine: {
            symbol: 'none',
            label: { position: 'start', formatter: `目标 ${target}`, color: TEXT },
            lineStyle: { color: '#b42318', type: 'dashed' },
            data: [{ xAxis: target }],
          },
        },
      ],
    },
    CHART_WIDTH,
    240,
  );
}

/**
 * Sub-units' mean capability (0–100), in the order given (the ranking, best first), with the pass mark
 * as a dashed line. 28 px per unit keeps the names readable however many units there are; long names
 * are cut with an ellipsis (the ranking table beside the chart has them in full).
 */
export function rankingChart(
  units: string[],
  values: Array<number | null>,
  target: number = CAPABILITY_PASS_MARK,
): string {
  return renderSvg(
    {
      grid: { left: 124, right: 48, top: 24, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: {
        type: 'category',
        data: units,
        inverse: true,
        axisLabel: {
          width: 114,
          overflow: 'truncate',
          ellipsis: '…',
          interval: 0,
          color: TEXT,
          fontSize: 13,
        },
      },
      series: [
        {
          type: 'bar',
          data: values.map((v) => v ?? 0),
          barMaxWidth: 18,
          itemStyle: { color: BAR },
          label: valueLabels(values),
          // Label above the plot (the line's start, as the axis is inverted), clear of the x-axis numbers.
          markLine: {
            symbol: 'none',
            label: { position: 'start', formatter: `达标线 ${target}`, color: TEXT },
            lineStyle: { color: '#b42318', type: 'dashed' },
            data: [{ xAxis: target }],
          },
        },
      ],
    },
    CHART_WIDTH,
    54 + units.length * 28,
  );
}

/** Line of the monthly mean capability (months without a stored value are gaps). */
export function trendChart(months: string[], values: Array<number | null>): string {
  return renderSvg(
    {
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'line',
          data: values,
          connectNulls: false,
          itemStyle: { color: BAR },
          lineStyle: { color: BAR, width: 2 },
          symbolSize: 7,
          label: { show: true, color: TEXT },
        },
      ],
    },
    CHART_WIDTH,
    220,
  );
}

/** Articles × sub-units, the share correct in each cell (0–100); empty cells have no answers. */
export function heatChart(
  articles: string[],
  units: string[],
  cells: Array<[number, number, number]>,
): string {
  const height = Math.max(160, 60 + units.length * 34);
  return renderSvg(
    {
      grid: { left: 120, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: articles, axisLabel: { rotate: 45, interval: 0 } },
      yAxis: { type: 'category', data: units },
      visualMap: { min: 0, max: 100, show: false, inRange: { color: ['#f4a6a0', '#fbe7a1', '#9fd39f'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, color: '#000', fontSize: 11 } }],
    },
    Math.max(560, 140 + articles.length * 44),
    height,
  );
}
