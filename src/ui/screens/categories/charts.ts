import type { CategoryRow, DrillMonth } from '../../../core/analysis/views/index.js';
import { formatKr, formatKrCompact } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import type { ChartOption } from '../../components/Chart.js';
import { escapeHtml } from '../../components/escape-html.js';

const PALETTE = ['#1f5f8b', '#3d8fb5', '#f2b134', '#5a9e6f', '#c0504d', '#8064a2', '#4bacc6', '#d98c3f', '#6b8e23', '#9b5b7a', '#2f7f7f', '#b8860b', '#4f6d8f', '#a0522d', '#708090'];

/** Treemap of spend: level-1 blocks split into their level-2 categories; unclassified in grey. */
export function treemapOption(rows: CategoryRow[], lang: Lang, unclassifiedLabel: string): ChartOption {
  const data = rows
    .filter((r) => r.spend > 0)
    .map((r, i) => ({
      name: r.id === null ? unclassifiedLabel : r.name[lang],
      value: r.spend,
      // The border colour is also the header's background (ECharts' upper label), so it matches the block.
      itemStyle: { color: r.id === null ? '#9aa5b1' : PALETTE[i % PALETTE.length], borderColor: r.id === null ? '#9aa5b1' : PALETTE[i % PALETTE.length] },
      children: r.children.filter((c) => c.spend > 0).map((c) => ({ name: c.name[lang], value: c.spend })),
    }));
  return {
    // No grow-in animation: the figures are the point, and screenshots catch the final layout.
    animation: false,
    tooltip: {
      formatter: (p: { name: string; value: number; treePathInfo?: { name: string }[] }) => {
        const path = (p.treePathInfo ?? []).slice(1).map((n) => n.name).join(' › ');
        return `${escapeHtml(path || p.name)}<br/>${escapeHtml(formatKr(p.value, lang, 0))}`;
      },
    },
    series: [
      {
        type: 'treemap',
        data,
        // The series' own default (on, 900 ms per update) would override the option's.
        animation: false,
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        top: 2,
        left: 2,
        right: 2,
        bottom: 2,
        upperLabel: {
          show: true,
          height: 18,
          color: '#fff',
          fontSize: 11,
          fontWeight: 600,
          overflow: 'truncate',
          formatter: (p: { name: string; value: number }) => `${p.name} · ${formatKrCompact(p.value, lang)}`,
        },
        label: { show: true, fontSize: 11, lineHeight: 14, overflow: 'truncate', formatter: (p: { name: string; value: number }) => `${p.name}\n${formatKrCompact(p.value, lang)}` },
        // levels[0] is the root, then level 1 (blocks with a header) and level 2 (their parts).
        levels: [
          { itemStyle: { borderWidth: 0, gapWidth: 3 }, upperLabel: { show: false } },
          { itemStyle: { borderWidth: 2, gapWidth: 1 } },
          { colorSaturation: [0.3, 0.55], itemStyle: { borderColorSaturation: 0.65, gapWidth: 1, borderWidth: 1 } },
        ],
      },
    ],
  };
}

/** Monthly bars. */
export function trendOption(months: DrillMonth[], lang: Lang): ChartOption {
  return {
    grid: { left: 72, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatKr(Number(v), lang, 0) },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatKrCompact(v, lang) } },
    animationDuration: 300,
    series: [{ type: 'bar', data: months.map((m) => m.spend), itemStyle: { color: '#1f5f8b' } }],
  };
}
