import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart, TreemapChart } from 'echarts/charts';
import {
  DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart types we use are registered, which keeps ECharts' share of the bundle small.
echarts.use([
  BarChart, LineChart, ScatterChart, TreemapChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent,
  MarkAreaComponent, MarkLineComponent, LabelLayout, CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** `option` drawn at once: off for the chart and for each series, whose own default (on) would win. */
export function withoutAnimation(option: ChartOption): ChartOption {
  const series = option.series;
  const off = (s: unknown) => (s && typeof s === 'object' ? { ...s, animation: false } : s);
  return { ...option, animation: false, ...(series === undefined ? {} : { series: Array.isArray(series) ? series.map(off) : off(series) }) };
}

/**
 * The one ECharts wrapper: owns the instance, resizes with its box, disposes on unmount.
 * `renderer="svg"` draws vector graphics that print crisply (the report); the SVG renderer is
 * registered by the code that asks for it (svg-renderer.ts), so the app's start-up bundle stays small.
 */
export function Chart({ option, height = 280, testId, label, renderer = 'canvas' }: {
  option: ChartOption;
  height?: number;
  testId?: string;
  label: string;
  renderer?: 'canvas' | 'svg';
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    chart.current = echarts.init(el, undefined, { renderer });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [renderer]);

  const drawn = useRef(false);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    // Only the first drawing may grow in. notMerge makes every later option a new chart whose marks
    // would grow in again (a treemap's for 900 ms): dozens of repaints of the canvas on the main
    // thread after each filter change, while the next click's results wait behind them.
    c.setOption(drawn.current ? withoutAnimation(option) : option, { notMerge: true });
    drawn.current = true;
  }, [option, renderer]);

  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
