import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { loadOverview, type SupplierSpend } from '../../core/analysis/overview.js';
import { formatKr, formatKrCompact, formatNumber, formatPercent } from '../../core/format/format.js';
import { formatHash } from '../../core/state/url-state.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { Chart, type ChartOption } from '../components/Chart.js';
import { DataTable } from '../components/DataTable.js';
import { Kpi } from '../components/Kpi.js';
import { NoDataState } from './EmptyState.js';
import { OpportunityCard } from './opportunities/OpportunityCard.js';
import { WorkbookButton } from '../components/WorkbookButton.js';
import { categoryTreemap } from './overview/category-treemap.js';

export function OverviewScreen() {
  const { view, tree } = useApp();
  const { t, lang } = useT();
  const filters = view.filters;
  const where = filtersWhere(filters, tree);
  const overview = useQuery(`overview|${where}`, (db) => loadOverview(db, where, 5, tree));

  const trend = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 72, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatKr(Number(v), lang, 0) },
      xAxis: { type: 'category', data: (overview.data?.months ?? []).map((m) => m.month) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatKrCompact(v, lang) } },
      series: [{ type: 'bar', data: (overview.data?.months ?? []).map((m) => m.spend), itemStyle: { color: '#1f5f8b' } }],
    }),
    [overview.data?.months, lang],
  );
  const treemap = useMemo<ChartOption>(
    () => categoryTreemap(overview.data?.category1 ?? [], overview.data?.category2 ?? [], lang, t('overview.unclassified')),
    [overview.data, lang, t],
  );
  const columns = useMemo<ColumnDef<SupplierSpend, unknown>[]>(
    () => [
      { header: t('table.supplier'), accessorKey: 'supplier' },
      { header: t('table.spend'), accessorKey: 'spend', cell: (c) => formatKr(Number(c.getValue()), lang, 0), meta: { numeric: true, exportFormat: 'amount' } },
      { header: t('table.lines'), accessorKey: 'lines', cell: (c) => formatNumber(Number(c.getValue()), lang), meta: { numeric: true, exportFormat: 'int' } },
    ],
    [t, lang],
  );

  if (overview.error) throw overview.error;
  const o = overview.data;
  if (o && o.totals.lines === 0) {
    return (
      <section className="screen" data-testid="screen-overview">
        <h1>{t('overview.title')}</h1>
        <NoDataState />
      </section>
    );
  }
  const k = o?.totals;
  return (
    <section className="screen" data-testid="screen-overview">
      <div className="screen-head">
        <h1>{t('overview.title')}</h1>
        <WorkbookButton />
      </div>
      <div className="kpi-row" aria-busy={overview.isLoading}>
        <Kpi testId="kpi-total-spend" label={t('kpi.totalSpend')} value={k?.spend ?? 0} display={k ? formatKrCompact(k.spend, lang) : '…'} hint={k ? formatKr(k.spend, lang) : undefined} />
        <Kpi testId="kpi-addressable" label={t('kpi.addressable')} value={k?.addressableSpend ?? 0} display={k ? formatKrCompact(k.addressableSpend, lang) : '…'} />
        <Kpi testId="kpi-suppliers" label={t('kpi.suppliers')} value={k?.suppliers ?? 0} display={k ? formatNumber(k.suppliers, lang) : '…'} />
        <Kpi testId="kpi-classified-share" label={t('kpi.classified')} value={o?.classifiedShare ?? 0} display={o ? formatPercent(o.classifiedShare, lang) : '…'} />
        <Kpi testId="kpi-savings" label={t('kpi.savingsBase')} value={o?.savings.base ?? 0} display={o ? formatKrCompact(o.savings.base, lang) : '…'} hint={o ? `${formatKrCompact(o.savings.low, lang)} – ${formatKrCompact(o.savings.high, lang)}` : undefined} />
      </div>
      <div className="panel-grid">
        <div className="panel">
          <h2>{t('overview.categories')}</h2>
          <Chart option={treemap} label={t('overview.categories')} testId="chart-categories" height={320} />
        </div>
        <div className="panel">
          <h2>{t('opp.top')}</h2>
          <ol className="opportunity-list compact" data-testid="opportunity-list">
            {(o?.opportunities ?? []).map((op) => (
              <OpportunityCard key={op.id} opportunity={op} />
            ))}
          </ol>
          {o && o.opportunities.length === 0 && <p className="muted">{t('opp.none')}</p>}
          <p><a href={formatHash({ ...view, screen: 'opportunities' })}>{t('opp.all')}</a></p>
        </div>
        <div className="panel">
          <h2>{t('overview.trend')}</h2>
          <Chart option={trend} label={t('overview.trend')} testId="chart-trend" />
        </div>
        <div className="panel">
          <h2>{t('overview.topSuppliers')}</h2>
          <DataTable data={overview.data?.topSuppliers ?? []} columns={columns} testId="top-suppliers" exportAs={{ name: t('export.file.topSuppliers') }} />
        </div>
      </div>
    </section>
  );
}
