import type { GroupMetrics } from '../../../core/analysis/fragmentation/index.js';
import { KRALJIC_QUADRANTS, QUADRANT_APPROACH, type KraljicMatrix, type KraljicQuadrant } from '../../../core/analysis/opportunities/index.js';
import { formatKrCompact, formatNumber } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import type { ChartOption } from '../../components/Chart.js';

/**
 * The report's charts, drawn for paper: grey shades and shapes instead of colour, values written
 * on the marks, no animation (printing starts at once), so they read in black and white.
 */

const INK = '#222';
const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 9, color: INK };

/** Level-1 categories as horizontal bars, largest first, the value at the end of each bar. */
export function categoryBars(level1: GroupMetrics[], lang: Lang, unclassified: string): ChartOption {
  const rows = level1.filter((m) => m.spend > 0).slice(0, 16).reverse();
  return {
    animation: false,
    textStyle: FONT,
    grid: { left: 8, right: 64, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: rows.map((m) => (m.id === null ? unclassified : m.name[lang])),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#777' } },
      axisLabel: { ...FONT, width: 170, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barWidth: '62%',
        data: rows.map((m) => ({ value: m.spend, itemStyle: { color: m.id === null ? '#bbb' : '#555' } })),
        label: { show: true, position: 'right', ...FONT, formatter: (p: { value: number }) => formatKrCompact(p.value, lang) },
      },
    ],
  };
}

/** A shape and a grey per quadrant, so the matrix reads without colour. */
const MARK: Record<KraljicQuadrant, { symbol: string; color: string }> = {
  strategic: { symbol: 'circle', color: '#111' },
  leverage: { symbol: 'rect', color: '#555' },
  bottleneck: { symbol: 'triangle', color: '#888' },
  'non-critical': { symbol: 'emptyCircle', color: '#333' },
};

export function kraljicScatter(matrix: KraljicMatrix, lang: Lang): ChartOption {
  const plotted = matrix.categories.filter((c) => c.annualSpend > 0);
  if (!plotted.length) return {};
  const spends = plotted.map((c) => c.annualSpend);
  const xMin = 10 ** Math.floor(Math.log10(Math.min(...spends)));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(...spends)));
  const xCut = matrix.impactCut ? Math.sqrt(matrix.impactCut.high * Math.max(matrix.impactCut.low, xMin)) : xMax;
  const cut = matrix.riskCut;
  // The largest categories are named; the rest are marks only, so the labels do not pile up.
  const largest = [...plotted].sort((a, b) => b.annualSpend - a.annualSpend);
  const named = new Set(largest.slice(0, 5).map((c) => c.categoryId));
  // A name near an edge is written inwards from its mark, so the paper's edge never cuts it.
  const at = (spend: number) => (Math.log10(spend) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin));
  const align = (spend: number) => (at(spend) > 0.7 ? 'right' : at(spend) < 0.3 ? 'left' : 'center');
  const corner = (q: KraljicQuadrant, x: number, y: number, align: 'left' | 'right') => ({
    type: 'text', left: align === 'left' ? x : undefined, right: align === 'right' ? x : undefined, top: y,
    style: { text: QUADRANT_APPROACH[q].title[lang], fill: '#666', font: 'bold 10px system-ui, sans-serif' },
  });
  return {
    animation: false,
    textStyle: FONT,
    grid: { left: 48, right: 16, top: 22, bottom: 34 },
    legend: { top: 0, left: 'center', itemWidth: 10, itemHeight: 10, textStyle: FONT },
    graphic: [corner('bottleneck', 56, 26, 'left'), corner('strategic', 24, 26, 'right'), corner('non-critical', 56, 182, 'left'), corner('leverage', 24, 182, 'right')],
    xAxis: {
      type: 'log', min: xMin, max: xMax, name: lang === 'da' ? 'Årligt forbrug' : 'Annual spend', nameLocation: 'middle', nameGap: 20, nameTextStyle: FONT,
      axisLabel: { ...FONT, formatter: (v: number) => formatKrCompact(v, lang) }, splitLine: { show: false }, axisLine: { lineStyle: { color: '#777' } },
    },
    yAxis: {
      type: 'value', min: 0, max: 1, name: lang === 'da' ? 'Forsyningsrisiko' : 'Supply risk', nameLocation: 'middle', nameGap: 28, nameTextStyle: FONT,
      axisLabel: { ...FONT, formatter: (v: number) => formatNumber(v, lang, 1) }, splitLine: { show: false }, axisLine: { lineStyle: { color: '#777' } },
    },
    series: KRALJIC_QUADRANTS.map((q, i) => ({
      type: 'scatter',
      name: `${QUADRANT_APPROACH[q].title[lang]} (${formatNumber(matrix.counts[q], lang)})`,
      symbol: MARK[q].symbol,
      itemStyle: { color: MARK[q].color, borderColor: MARK[q].color },
      labelLayout: { hideOverlap: true },
      data: plotted
        .filter((c) => c.quadrant === q)
        .map((c) => ({
          value: [c.annualSpend, c.risk],
          symbolSize: 6 + 16 * Math.sqrt(c.annualSpend / Math.max(...spends)),
          label: { show: named.has(c.categoryId), position: 'top', align: align(c.annualSpend), ...FONT, fontSize: 8, formatter: c.name[lang] },
        })),
      ...(i === 0
        ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#666', type: 'dashed', width: 1 }, data: [{ xAxis: xCut }, { yAxis: cut }] } }
        : {}),
    })),
  };
}
