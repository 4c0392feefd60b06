import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { filtersWhere } from '../../../core/analysis/filters-sql.js';
import {
  buildKraljicMatrix, KRALJIC_DEFAULTS, KRALJIC_QUADRANTS, loadKraljicFigures, loadKraljicOverrides, QUADRANT_APPROACH,
  RISK_WEIGHTS, saveKraljicOverride, type KraljicCategory, type KraljicQuadrant, type OpportunityKind, type OpportunityResult,
  type RiskComponents, type RiskLevel,
} from '../../../core/analysis/opportunities/index.js';
import { formatDate, formatKr, formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { Chart, type ChartOption } from '../../components/Chart.js';
import { escapeHtml } from '../../components/escape-html.js';
import { DataTable } from '../../components/DataTable.js';
import type { MessageKey } from '../../i18n/messages.js';

export const QUADRANT_COLOR: Record<KraljicQuadrant, string> = {
  strategic: '#b3261e',
  leverage: '#1f5f8b',
  bottleneck: '#d08a00',
  'non-critical': '#2e7d32',
};

const COMPONENTS: (keyof RiskComponents)[] = ['suppliers', 'concentration', 'market', 'regime'];

const esc = escapeHtml;

type T = ReturnType<typeof useT>['t'];

/** Plain-language lines for the risk components, each with its contribution to the score. */
function componentLines(c: KraljicCategory, t: T, lang: Lang): string[] {
  const text: Record<keyof RiskComponents, string> = {
    suppliers: t('kraljic.comp.suppliers', { n: formatNumber(c.suppliers80, lang) }),
    concentration: t('kraljic.comp.concentration', { hhi: formatNumber(c.hhi, lang), top: formatPercent(c.topSupplierShare, lang, 0) }),
    market: t('kraljic.comp.market', { sourcing: t(`kraljic.sourcing.${c.sourcing}` as MessageKey) }),
    regime: t('kraljic.comp.regime', { regime: t(`opp.regime.${c.regime}` as MessageKey) }),
  };
  return COMPONENTS.map((k) => `${text[k]} → ${formatNumber(c.components[k] * RISK_WEIGHTS[k], lang, 2)}`);
}

/**
 * Where a point is drawn on the risk axis: its score, unless a person moved the category to the
 * other side of the cut; then the point is mirrored in the cut line, so it sits in its quadrant
 * as far from the line as the score was.
 */
function plottedRisk(c: KraljicCategory, cut: number): number {
  const mirrored = Math.min(1, Math.max(0, 2 * cut - c.risk));
  if (c.override === 'high' && c.risk < cut) return Math.max(mirrored, cut + 0.005);
  if (c.override === 'low' && c.risk >= cut) return Math.min(mirrored, cut - 0.005);
  return c.risk;
}

/** Two decimals; a score just under the cut is rounded down, so it never reads as the cut itself. */
const score = (v: number, lang: Lang) => {
  const cut = KRALJIC_DEFAULTS.riskCut;
  const rounded = Math.round(v * 100) / 100;
  return formatNumber(v < cut && rounded >= cut ? Math.floor(v * 100) / 100 : rounded, lang, 2);
};

export function KraljicMatrix({ result, onOpenList }: { result: OpportunityResult | undefined; onOpenList: (kind: OpportunityKind) => void }) {
  const { view, db, tree } = useApp();
  const { t, lang } = useT();
  // The workspace's tree: its names, regimes and parent links decide the figures (and the shared prepared lines are built for it).
  const where = filtersWhere(view.filters, tree);
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState(false);
  const figures = useQuery(`kraljic|${where}`, (d) => loadKraljicFigures(d, { where, tree }));
  const overrides = useQuery(`kraljic-overrides|${version}`, (d) => loadKraljicOverrides(d));
  const matrix = useMemo(
    () => (figures.data && overrides.data ? buildKraljicMatrix(figures.data, { overrides: overrides.data, opportunities: result?.opportunities ?? [] }) : null),
    [figures.data, overrides.data, result],
  );
  const busy = figures.isLoading || overrides.isLoading || !matrix;

  const setOverride = async (categoryId: string, value: RiskLevel | null) => {
    if (!db) return;
    setFailed(false);
    try {
      await saveKraljicOverride(db, categoryId, value);
    } catch {
      setFailed(true);
    }
    setVersion((v) => v + 1);
  };

  const plotted = useMemo(() => (matrix?.categories ?? []).filter((c) => c.annualSpend > 0), [matrix]);

  const option = useMemo<ChartOption | null>(() => {
    if (!matrix || plotted.length === 0) return null;
    const cut = matrix.riskCut;
    const spends = plotted.map((c) => c.annualSpend);
    const xMin = 10 ** Math.floor(Math.log10(Math.min(...spends)));
    const xMax = 10 ** Math.ceil(Math.log10(Math.max(...spends)));
    const maxSpend = Math.max(...spends);
    // The impact line lies between the smallest high-impact and the largest low-impact category.
    const xCut = matrix.impactCut ? Math.sqrt(matrix.impactCut.high * Math.max(matrix.impactCut.low, xMin)) : xMax;
    const areaLabel = (q: KraljicQuadrant, position: string) => ({
      show: true, position, color: QUADRANT_COLOR[q], fontWeight: 'bold' as const, fontSize: 13, opacity: 0.8,
      formatter: QUADRANT_APPROACH[q].title[lang],
    });
    const area = (q: KraljicQuadrant, x0: number, x1: number, y0: number, y1: number, position: string) => [
      { xAxis: x0, yAxis: y0, itemStyle: { color: QUADRANT_COLOR[q], opacity: 0.05 }, label: areaLabel(q, position) },
      { xAxis: x1, yAxis: y1 },
    ];
    const series = KRALJIC_QUADRANTS.map((q, i) => ({
      type: 'scatter',
      labelLayout: { hideOverlap: true },
      name: `${QUADRANT_APPROACH[q].title[lang]} (${formatNumber(matrix.counts[q], lang)})`,
      itemStyle: { color: QUADRANT_COLOR[q], opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
      data: plotted
        .filter((c) => c.quadrant === q)
        .map((c) => ({
          value: [c.annualSpend, plottedRisk(c, cut)],
          id: c.categoryId,
          symbol: c.override ? 'diamond' : 'circle',
          symbolSize: 8 + 34 * Math.sqrt(c.annualSpend / maxSpend),
          label: { show: c.impact === 'high', position: 'right', formatter: c.name[lang], fontSize: 10, color: '#1d2733' },
        })),
      ...(i === 0
        ? {
            markArea: {
              silent: true,
              data: [
                area('bottleneck', xMin, xCut, cut, 1, 'insideTopLeft'),
                area('strategic', xCut, xMax, cut, 1, 'insideTopRight'),
                area('non-critical', xMin, xCut, 0, cut, 'insideBottomLeft'),
                area('leverage', xCut, xMax, 0, cut, 'insideBottomRight'),
              ],
            },
            markLine: {
              silent: true, symbol: 'none', label: { show: false },
              lineStyle: { color: '#5b6b7c', type: 'dashed', width: 1 },
              data: [{ xAxis: xCut }, { yAxis: cut }],
            },
          }
        : {}),
    }));
    const byId = new Map(plotted.map((c) => [c.categoryId, c]));
    return {
      animation: false,
      grid: { left: 64, right: 150, top: 48, bottom: 56 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { data?: { id?: string } }) => {
          const c = p.data?.id ? byId.get(p.data.id) : undefined;
          if (!c) return '';
          const level = t(`kraljic.level.${c.riskLevel}` as MessageKey);
          const computed = t(`kraljic.level.${c.computedRisk}` as MessageKey);
          const lines = [
            `<strong>${esc(c.name[lang])}</strong> · ${esc(QUADRANT_APPROACH[c.quadrant].title[lang])}`,
            `${esc(t('kraljic.spend'))}: ${esc(formatKr(c.annualSpend, lang, 0))} (${esc(formatPercent(c.share, lang, 1))})`,
            `${esc(t('kraljic.score', { score: score(c.risk, lang) }))} → ${esc(level)}${c.override ? ` (${esc(t('kraljic.overridden', { level: computed }))})` : ''}`,
            ...componentLines(c, t, lang).map((l) => `&nbsp;&nbsp;${esc(l)}`),
          ];
          if (c.opportunities.length) {
            lines.push(`${esc(t('kraljic.opportunities'))}: ${c.opportunities.map((o) => `#${o.rank} ${esc(t(`opp.kind.${o.kind}` as MessageKey))}`).join(', ')}`);
          }
          return lines.join('<br/>');
        },
      },
      xAxis: {
        type: 'log', min: xMin, max: xMax, name: t('kraljic.axisImpact'), nameLocation: 'middle', nameGap: 32,
        axisLabel: { formatter: (v: number) => formatKrCompact(v, lang) }, splitLine: { show: false },
      },
      yAxis: {
        type: 'value', min: 0, max: 1, name: t('kraljic.axisRisk'), nameLocation: 'middle', nameGap: 40,
        axisLabel: { formatter: (v: number) => formatNumber(v, lang, 1) }, splitLine: { show: false },
      },
      series,
    };
  }, [matrix, plotted, lang, t]);

  const rows = useMemo(
    () => [...(matrix?.categories ?? [])].sort(
      (a, b) => KRALJIC_QUADRANTS.indexOf(a.quadrant) - KRALJIC_QUADRANTS.indexOf(b.quadrant) || b.annualSpend - a.annualSpend,
    ),
    [matrix],
  );

  const columns = useMemo<ColumnDef<KraljicCategory, unknown>[]>(
    () => [
      {
        header: t('kraljic.quadrant'), id: 'quadrant', accessorFn: (k) => QUADRANT_APPROACH[k.quadrant].title[lang],
        cell: (c) => {
          const q = c.row.original.quadrant;
          return <span className={`kraljic-badge kraljic-${q}`} style={{ borderColor: QUADRANT_COLOR[q], color: QUADRANT_COLOR[q] }}>{QUADRANT_APPROACH[q].title[lang]}</span>;
        },
      },
      { header: t('kraljic.category'), id: 'category', accessorFn: (k) => k.name[lang] },
      { header: t('kraljic.spend'), id: 'spend', cell: (c) => formatKr(c.row.original.annualSpend, lang, 0), meta: { numeric: true, exportValue: (k) => k.annualSpend, exportFormat: 'amount' } },
      { header: t('kraljic.share'), id: 'share', cell: (c) => formatPercent(c.row.original.share, lang, 1), meta: { numeric: true, exportValue: (k) => k.share, exportFormat: 'percent' } },
      {
        header: t('kraljic.suppliers'), id: 'suppliers', meta: { numeric: true, exportValue: (k) => k.suppliers80, exportFormat: 'int', exportHeader: `${t('kraljic.suppliers')} (80 %)` },
        cell: (c) => t('kraljic.suppliersValue', { n80: formatNumber(c.row.original.suppliers80, lang), n: formatNumber(c.row.original.suppliers, lang) }),
      },
      {
        header: t('kraljic.risk'), id: 'risk', meta: { numeric: true, exportValue: (k) => k.risk, exportFormat: 'decimal' },
        cell: (c) => <span title={componentLines(c.row.original, t, lang).join('\n')}>{score(c.row.original.risk, lang)}</span>,
      },
      {
        header: t('kraljic.riskLevel'), id: 'override', accessorFn: (k) => t(`kraljic.level.${k.riskLevel}` as MessageKey),
        cell: (c) => {
          const k = c.row.original;
          return (
            <select
              value={k.override ?? ''}
              aria-label={`${t('kraljic.riskLevel')}: ${k.name[lang]}`}
              data-testid={`kraljic-override-${k.categoryId}`}
              onChange={(e) => void setOverride(k.categoryId, (e.target.value || null) as RiskLevel | null)}
            >
              <option value="">{t('kraljic.computed', { level: t(`kraljic.level.${k.computedRisk}` as MessageKey).toLowerCase() })}</option>
              <option value="low">{t('kraljic.level.low')}</option>
              <option value="high">{t('kraljic.level.high')}</option>
            </select>
          );
        },
      },
      {
        header: t('kraljic.opportunities'), id: 'opportunities',
        accessorFn: (k) => k.opportunities.map((o) => `#${o.rank} ${t(`opp.kind.${o.kind}` as MessageKey)}`).join(', '),
        cell: (c) => (
          <span className="kraljic-opps">
            {c.row.original.opportunities.map((o) => (
              <button
                key={o.id}
                type="button"
                className={`kind-badge kind-${o.kind}`}
                title={t('kraljic.openList', { kind: t(`opp.kind.${o.kind}` as MessageKey) })}
                onClick={() => onOpenList(o.kind)}
              >
                #{o.rank} {t(`opp.kind.${o.kind}` as MessageKey)}
              </button>
            ))}
          </span>
        ),
      },
    ],
    // setOverride and onOpenList only use stable state setters and the db.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, lang, db],
  );

  if (figures.error) throw figures.error;
  if (overrides.error) throw overrides.error;
  if (!matrix) return <p className="muted" aria-busy="true">…</p>;
  const notPlotted = matrix.categories.length - plotted.length;
  return (
    <section className="kraljic" data-testid="kraljic-matrix" data-value={plotted.length} aria-busy={busy || undefined}>
      <h2>{t('kraljic.title')}</h2>
      <p className="lead">
        {t('kraljic.intro', { share: formatPercent(KRALJIC_DEFAULTS.impactShare, lang, 0), cut: formatNumber(matrix.riskCut, lang, 1) })}
      </p>
      {matrix.categories.length === 0 ? (
        <p className="muted">{t('kraljic.none')}</p>
      ) : (
        <>
          <ul className="kraljic-quadrants">
            {KRALJIC_QUADRANTS.map((q) => (
              <li key={q} className="panel" style={{ borderTopColor: QUADRANT_COLOR[q] }} data-testid={`kraljic-quadrant-${q}`} data-value={matrix.counts[q]}>
                <h3>
                  <span style={{ color: QUADRANT_COLOR[q] }}>{QUADRANT_APPROACH[q].title[lang]}</span>{' '}
                  <span className="muted">{t('kraljic.categories', { n: formatNumber(matrix.counts[q], lang) })}</span>
                </h3>
                <p>{QUADRANT_APPROACH[q].approach[lang]}</p>
              </li>
            ))}
          </ul>
          {option && <Chart option={option} height={520} label={t('kraljic.chart')} testId="kraljic-chart" />}
          <p className="muted kraljic-notes">
            {matrix.window && t('kraljic.window', { from: formatDate(matrix.window.from, lang), to: formatDate(matrix.window.to, lang) })}{' '}
            {t('kraljic.weights', {
              suppliers: formatNumber(RISK_WEIGHTS.suppliers, lang, 1), concentration: formatNumber(RISK_WEIGHTS.concentration, lang, 1),
              market: formatNumber(RISK_WEIGHTS.market, lang, 1), regime: formatNumber(RISK_WEIGHTS.regime, lang, 1),
            })}{' '}
            {notPlotted > 0 && t('kraljic.notPlotted', { n: formatNumber(notPlotted, lang) })}
          </p>
          {failed && <p className="error-message" role="alert">{t('kraljic.saveFailed')}</p>}
          <DataTable data={rows} columns={columns} maxHeight={640} testId="kraljic-table" exportAs={{ name: t('export.file.kraljic') }} />
        </>
      )}
    </section>
  );
}
