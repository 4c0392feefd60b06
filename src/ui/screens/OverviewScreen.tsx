import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { loadKpis, loadMonthlySpend, loadTopSuppliers, type SupplierSpend } from '../../core/analysis/kpis.js';
import { formatKr, formatKrCompact, formatNumber } from '../../core/format/format.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { Chart, type ChartOption } from '../components/Chart.js';
import { DataTable } from '../components/DataTable.js';
import { Kpi } from '../components/Kpi.js';
import { NoDataState } from './EmptyState.js';

export function OverviewScreen() {
  const { view } = useApp();
  const { t, lang } = useT();
  const filters = view.filters;
  const key = JSON.stringify(filters);
  const kpis = useQuery(`kpis|${key}`, (db, signal) => loadKpis(db, filters, signal));
  const monthly = useQuery(`monthly|${key}`, (db, signal) => loadMonthlySpend(db, filters, signal));
  const top = useQuery(`top|${key}`, (db, signal) => loadTopSuppliers(db, filters, 10, signal));

  const trend = useMemo<ChartOption>(
    () => ({
      grid: { left: 64, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatKr(Number(v), lang, 0) },
      xAxis: { type: 'category', data: (monthly.data ?? []).map((m) => m.month) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatKrCompact(v, lang) } },
      series: [{ type: 'bar', data: (monthly.data ?? []).map((m) => m.spend), itemStyle: { color: '#1f5f8b' } }],
    }),
    [monthly.data, lang],
  );

  const columns = useMemo<ColumnDef<SupplierSpend, unknown>[]>(
    () => [
      { header: t('table.supplier'), accessorKey: 'supplier' },
      { header: t('table.spend'), accessorKey: 'spend', cell: (c) => formatKr(Number(c.getValue()), lang, 0), meta: { numeric: true } },
      { header: t('table.lines'), accessorKey: 'lines', cell: (c) => formatNumber(Number(c.getValue()), lang), meta: { numeric: true } },
    ],
    [t, lang],
  );

  if (kpis.error) throw kpis.error;
  const k = kpis.data;
  return (
    <section className="screen" data-testid="screen-overview">
      <h1>{t('overview.title')}</h1>
      {k && k.lines === 0 && !kpis.isLoading ? (
        <NoDataState />
      ) : (
        <>
          <div className="kpi-row" aria-busy={kpis.isLoading}>
            <Kpi testId="kpi-total-spend" label={t('kpi.totalSpend')} value={k?.totalSpend ?? 0} display={k ? formatKrCompact(k.totalSpend, lang) : '…'} hint={k ? formatKr(k.totalSpend, lang) : undefined} />
            <Kpi testId="kpi-suppliers" label={t('kpi.suppliers')} value={k?.suppliers ?? 0} display={k ? formatNumber(k.suppliers, lang) : '…'} />
            <Kpi testId="kpi-lines" label={t('kpi.lines')} value={k?.lines ?? 0} display={k ? formatNumber(k.lines, lang) : '…'} />
            <Kpi testId="kpi-documents" label={t('kpi.documents')} value={k?.documents ?? 0} display={k ? formatNumber(k.documents, lang) : '…'} />
          </div>
          <div className="panel-grid">
            <div className="panel">
              <h2>{t('overview.trend')}</h2>
              <Chart option={trend} label={t('overview.trend')} testId="chart-trend" />
            </div>
            <div className="panel">
              <h2>{t('overview.topSuppliers')}</h2>
              <DataTable data={top.data ?? []} columns={columns} testId="top-suppliers" />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
