// @vitest-environment happy-dom
import * as echarts from 'echarts';
import { act, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { GroupSpend } from '../../../src/core/analysis/fragmentation/index.js';
import type { CategoryRow } from '../../../src/core/analysis/views/index.js';
import { DEFAULT_VIEW } from '../../../src/core/state/url-state.js';
import { AppProvider, useT, type AppContextValue } from '../../../src/ui/app/app-context.js';
import { withoutAnimation, type ChartOption } from '../../../src/ui/components/Chart.js';
import { treemapOption, trendOption } from '../../../src/ui/screens/categories/charts.js';
import { categoryTreemap } from '../../../src/ui/screens/overview/category-treemap.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const group = (id: string | null, spend: number, parentId: string | null = null): GroupSpend =>
  ({ id, parentId, level: id === null ? null : parentId === null ? 1 : 2, name: { da: id ?? 'Ikke klassificeret', en: id ?? 'Unclassified' }, spend }) as GroupSpend;
const row = (id: string, spend: number, children: [string, number][]): CategoryRow =>
  ({ id, name: { da: id, en: id }, spend, children: children.map(([c, s]) => ({ id: c, name: { da: c, en: c }, spend: s })) }) as unknown as CategoryRow;

/** Whether ECharts still animates after drawing `next` over `first` as the Chart component does (notMerge). */
function animatesAfterUpdate(first: ChartOption, next: ChartOption): boolean {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 });
  try {
    chart.setOption(first as echarts.EChartsCoreOption, { notMerge: true });
    chart.setOption(next as echarts.EChartsCoreOption, { notMerge: true });
    return !chart.getZr().animation.isFinished();
  } finally {
    chart.dispose();
  }
}

describe('charts after a filter change', () => {
  // The overview's and the Categories screen's treemaps and the month bars: before and after a filter.
  const cases: [string, ChartOption, ChartOption][] = [
    ['overview treemap', categoryTreemap([group('food', 600), group('it', 300)], [group('food.a', 400, 'food')], 'da', 'Ikke klassificeret'),
      categoryTreemap([group('food', 200), group('it', 500)], [group('food.a', 150, 'food')], 'da', 'Ikke klassificeret')],
    ['categories treemap', treemapOption([row('food', 600, [['food.a', 400]]), row('it', 300, [])], 'da', 'Ikke klassificeret'),
      treemapOption([row('food', 200, [['food.a', 150]]), row('it', 500, [])], 'da', 'Ikke klassificeret')],
    ['month bars', trendOption([{ month: '2024-01', spend: 10, lines: 1 }, { month: '2024-02', spend: 20, lines: 2 }], 'da'),
      trendOption([{ month: '2024-01', spend: 30, lines: 3 }, { month: '2024-02', spend: 5, lines: 1 }], 'da')],
  ];

  it.each(cases)('%s: the new figures are drawn at once, without an animation running on', (_, first, next) => {
    expect(animatesAfterUpdate(first, withoutAnimation(next))).toBe(false);
  });

  it('the bars would grow in again on every update without it (what the test above guards)', () => {
    const [, first, next] = cases[2]!;
    expect(animatesAfterUpdate(first, next)).toBe(true);
  });

  it('turns off a series whose own default animates, which the switch on the option alone does not', () => {
    const [, first, next] = cases[0]!;
    const series = (next.series as Record<string, unknown>[]).map(({ animation: _, ...s }) => s);
    const bare = { ...next, animation: false, series };
    expect(animatesAfterUpdate(first, bare)).toBe(true);
    expect(animatesAfterUpdate(first, withoutAnimation(bare))).toBe(false);
  });

  it('keeps everything else of the option, and each series', () => {
    const [, , next] = cases[0]!;
    const off = withoutAnimation(next) as { series: Record<string, unknown>[]; tooltip: unknown };
    expect(off.tooltip).toBe((next as { tooltip: unknown }).tooltip);
    expect(off.series[0]).toEqual({ ...(next.series as Record<string, unknown>[])[0], animation: false });
  });
});

describe('useT', () => {
  it('gives the same t while the language stays, so memoised charts are not drawn again on every render', async () => {
    const seen: ((key: 'overview.title') => string)[] = [];
    function Probe({ n }: { n: number }) {
      const { t } = useT();
      useEffect(() => void seen.push(t), [t, n]);
      return null;
    }
    const value = (lang: 'da' | 'en') => ({ view: { ...DEFAULT_VIEW, lang } }) as unknown as AppContextValue;
    const container = document.createElement('div');
    const root = createRoot(container);
    const render = (lang: 'da' | 'en', n: number) => act(async () => root.render(<AppProvider value={value(lang)}><Probe n={n} /></AppProvider>));
    await render('da', 1);
    await render('da', 2);
    await render('en', 3);
    await act(async () => root.unmount());
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[1]);
    expect(seen[0]!('overview.title')).not.toBe(seen[2]!('overview.title'));
  });
});
