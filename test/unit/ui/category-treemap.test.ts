import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { GroupSpend } from '../../../src/core/analysis/fragmentation/index.js';
import { categoryTreemap } from '../../../src/ui/screens/overview/category-treemap.js';

const group = (id: string | null, spend: number, parentId: string | null = null): GroupSpend =>
  ({ id, parentId, level: id === null ? null : parentId === null ? 1 : 2, name: { da: id ?? 'Ikke klassificeret', en: id ?? 'Unclassified' }, spend }) as GroupSpend;

/** The overview's treemap drawn by ECharts' own SVG renderer: each filled tile's colour and box. */
function tiles(level1: GroupSpend[], level2: GroupSpend[], width: number, height: number) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(categoryTreemap(level1, level2, 'da', 'Ikke klassificeret') as echarts.EChartsCoreOption);
    const svg = chart.renderToSVGString();
    return [...svg.matchAll(/<path d="M1 1l([\d.]+) 0l0 ([\d.]+)[^"]*" transform="translate\(([\d.]+) ([\d.]+)\)" fill="(#[0-9a-f]{6})"/g)].map((m) => ({
      fill: m[5]!, x: Number(m[3]), y: Number(m[4]), w: Number(m[1]), h: Number(m[2]),
    }));
  } finally {
    chart.dispose();
  }
}

describe('overview treemap', () => {
  it('draws the classified categories beside an unclassified share of 98 %, inside the canvas', () => {
    // Sheffield's spend file: 222.6 mio. unclassified, 5.6 mio. in three categories.
    const level1 = [group(null, 222_605_107.72), group('food', 4_392_800.9), group('consulting', 779_649.36), group('it', 433_680.46)];
    const drawn = tiles(level1, [], 525, 340);
    // Grey for unclassified, then the category colours in order.
    expect(drawn.map((t) => t.fill)).toEqual(['#b0bec5', '#2e7d32', '#8a5a00', '#6a3d9a']);
    for (const t of drawn) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.x + t.w).toBeLessThanOrEqual(525);
      expect(t.y + t.h).toBeLessThanOrEqual(340);
    }
  });

  it('gives each category an area in proportion to its spend', () => {
    const level1 = [group('food', 600), group('it', 300), group(null, 100)];
    const level2 = [group('food.a', 400, 'food'), group('food.b', 200, 'food')];
    const drawn = tiles(level1, level2, 600, 400);
    const area = (fill: string) => drawn.filter((t) => t.fill === fill).reduce((a, t) => a + t.w * t.h, 0);
    // IT (300) against unclassified (100): three times the area, less the borders and labels.
    expect(area('#2e7d32') / area('#b0bec5')).toBeGreaterThan(2.5);
    expect(area('#2e7d32') / area('#b0bec5')).toBeLessThan(3.5);
    expect(drawn.every((t) => t.x + t.w <= 600 && t.y + t.h <= 400)).toBe(true);
  });
});
