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

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, renderer]);

  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
