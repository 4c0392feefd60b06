import type { GroupSpend } from '../../../core/analysis/fragmentation/index.js';
import { formatKr } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import type { ChartOption } from '../../components/Chart.js';
import { escapeHtml } from '../../components/escape-html.js';

const COLORS = ['#1f5f8b', '#2e7d32', '#8a5a00', '#6a3d9a', '#b3261e', '#00796b', '#5d4037', '#455a64', '#ad1457', '#283593', '#558b2f', '#ef6c00', '#4e342e', '#0277bd', '#757575'];

/** Level-1 categories as tiles with their level-2 children; negative totals (credit-heavy) are left out of the area. */
export function categoryTreemap(level1: GroupSpend[], level2: GroupSpend[], lang: Lang, unclassified: string): ChartOption {
  const data = level1
    .filter((c) => c.spend > 0)
    .map((c, i) => ({
      name: c.id === null ? unclassified : c.name[lang],
      value: c.spend,
      itemStyle: { color: c.id === null ? '#b0bec5' : COLORS[i % COLORS.length] },
      children: level2.filter((d) => d.parentId === c.id && d.id !== null && d.spend > 0).map((d) => ({ name: d.name[lang], value: d.spend })),
    }));
  return {
    // The treemap's opening zoom adds nothing for a report reader; draw it at once.
    animation: false,
    tooltip: { formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}<br/>${escapeHtml(formatKr(p.value, lang, 0))}` },
    series: [
      {
        type: 'treemap',
        // The series' own default (animation on, 900 ms per update) overrides the option's: without this
        // every filter change repainted the map with its labels ~45 times on the main thread.
        animation: false,
        roam: false,
        nodeClick: 'zoomToNode',
        breadcrumb: { show: true, bottom: 0 },
        // Placed from the left edge: with only a width, ECharts 6 put the map 20 px right of it, so
        // the last column ran past the canvas and thin tiles there (Sheffield's classified 2 %
        // beside 98 % unclassified) were clipped away entirely.
        left: 0,
        width: '100%',
        height: '88%',
        top: 0,
        label: { show: true, formatter: '{b}', fontSize: 11 },
        upperLabel: { show: true, height: 18, color: '#fff', fontSize: 11 },
        levels: [{ itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } }, { itemStyle: { borderColor: 'rgba(255,255,255,0.6)', borderWidth: 1, gapWidth: 1 }, colorSaturation: [0.35, 0.6] }],
        data,
      },
    ],
  };
}
