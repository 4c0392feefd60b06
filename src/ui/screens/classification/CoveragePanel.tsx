import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { coverage, type Coverage } from '../../../core/classify/index.js';
import { formatKr, formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { Chart, type ChartOption } from '../../components/Chart.js';
import { DataTable } from '../../components/DataTable.js';
import { Kpi } from '../../components/Kpi.js';
import { METHOD_COLORS, METHODS, methodKey } from './labels.js';

interface MethodRow {
  method: string;
  label: string;
  lines: number;
  lineShare: number;
  spend: number;
  spendShare: number;
}

function coverageOption(rows: MethodRow[], labels: { spend: string; lines: string }, lang: Lang): ChartOption {
  return {
    // The table beside the chart is its legend (same colours); no animation, so figures never show half-drawn.
    animation: false,
    tooltip: { trigger: 'item', valueFormatter: (v: number) => formatPercent(v / 100, lang) },
    grid: { left: 70, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => formatPercent(v / 100, lang, 0) } },
    yAxis: { type: 'category', data: [labels.lines, labels.spend] },
    series: rows.map((r) => ({
      name: r.label,
      type: 'bar',
      stack: 'all',
      itemStyle: { color: METHOD_COLORS[r.method as keyof typeof METHOD_COLORS] },
      data: [r.lineShare * 100, r.spendShare * 100],
    })),
  };
}

/** Coverage: the share of spend and of lines with a decided category, by method, and the open suggestions. */
export function CoveragePanel() {
  const { t, lang } = useT();
  const result = useQuery('cls-coverage', (db) => coverage(db));
  const c: Coverage | undefined = result.data;
  const rows = useMemo<MethodRow[]>(
    () =>
      METHODS.filter((m) => c?.byMethod[m]).map((m) => {
        const b = c!.byMethod[m]!;
        return { method: m, label: t(methodKey(m)), lines: b.lines, lineShare: b.lineShare, spend: b.spend, spendShare: b.spendShare };
      }),
    // `t` is new each render; the language decides the labels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [c, lang],
  );
  const spendLabel = t('cls.coverageSpend');
  const linesLabel = t('cls.coverageLines');
  const option = useMemo(() => coverageOption(rows, { spend: spendLabel, lines: linesLabel }, lang), [rows, spendLabel, linesLabel, lang]);
  const columns = useMemo<ColumnDef<MethodRow, unknown>[]>(
    () => [
      { id: 'method', header: t('cls.colMethod'), accessorFn: (r) => r.label, cell: ({ row }) => <span><span className="cls-swatch" style={{ background: METHOD_COLORS[row.original.method as keyof typeof METHOD_COLORS] }} />{row.original.label}</span> },
      { id: 'spend', header: t('cls.colSpend'), cell: ({ row }) => formatKr(row.original.spend, lang, 0), meta: { numeric: true, exportValue: (r) => r.spend, exportFormat: 'amount' } },
      { id: 'spendShare', header: t('cls.colSpendShare'), cell: ({ row }) => formatPercent(row.original.spendShare, lang), meta: { numeric: true, exportValue: (r) => r.spendShare, exportFormat: 'percent' } },
      { id: 'lines', header: t('cls.colLines'), cell: ({ row }) => formatNumber(row.original.lines, lang), meta: { numeric: true, exportValue: (r) => r.lines, exportFormat: 'int' } },
      { id: 'lineShare', header: t('cls.colLineShare'), cell: ({ row }) => formatPercent(row.original.lineShare, lang), meta: { numeric: true, exportValue: (r) => r.lineShare, exportFormat: 'percent' } },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang],
  );
  if (result.error) throw result.error;
  return (
    <section className="panel cls-coverage" data-testid="cls-coverage" aria-busy={result.isLoading}>
      <h2>{t('cls.coverageTitle')}</h2>
      <div className="kpi-row">
        <Kpi testId="cls-covered-spend" label={t('cls.kpiSpendShare')} value={c?.coveredSpendShare ?? 0} display={c ? formatPercent(c.coveredSpendShare, lang) : '…'} hint={c ? t('cls.ofSpend', { part: formatKrCompact(c.coveredSpend, lang), whole: formatKrCompact(c.spend, lang) }) : undefined} />
        <Kpi testId="cls-covered-lines" label={t('cls.kpiLineShare')} value={c?.coveredLineShare ?? 0} display={c ? formatPercent(c.coveredLineShare, lang) : '…'} hint={c ? t('cls.ofLines', { part: formatNumber(c.coveredLines, lang), whole: formatNumber(c.lines, lang) }) : undefined} />
        <Kpi testId="cls-unclassified-spend" label={t('cls.kpiUnclassified')} value={c ? c.spend - c.coveredSpend : 0} display={c ? formatKrCompact(c.spend - c.coveredSpend, lang) : '…'} hint={c ? t('cls.linesN', { n: formatNumber(c.lines - c.coveredLines, lang) }) : undefined} />
        <Kpi testId="cls-open-suggestions" label={t('cls.kpiSuggestions')} value={c?.suggestions.lines ?? 0} display={c ? formatNumber(c.suggestions.lines, lang) : '…'} hint={c ? formatKrCompact(c.suggestions.spend, lang) : undefined} />
      </div>
      <div className="panel-grid cls-coverage-grid">
        <Chart option={option} label={t('cls.coverageChart')} height={200} testId="cls-coverage-chart" />
        <DataTable data={rows} columns={columns} maxHeight={260} testId="cls-coverage-table" exportAs={{ name: t('export.file.coverage') }} />
      </div>
      <p className="muted">{t('cls.coverageNote')}</p>
    </section>
  );
}
