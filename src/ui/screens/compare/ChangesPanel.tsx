import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { CategoryChange, PeriodChange, SupplierMove } from '../../../core/compare/index.js';
import { formatKr, formatPercent } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { DataTable } from '../../components/DataTable.js';

/** One municipality over two periods: change per category, new and lost suppliers, compliance trend. */
export function ChangesPanel({ change }: { change: PeriodChange }) {
  const { t, lang } = useT();
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(v, lang, 0));
  const money = (v: number) => formatKr(v, lang, 0);
  const categoryColumns = useMemo<ColumnDef<CategoryChange, unknown>[]>(
    () => [
      { id: 'category', header: t('cmp.category'), accessorFn: (c) => c.name[lang] },
      { id: 'before', header: `${t('cmp.before')} (${change.from.period})`, cell: ({ row }) => money(row.original.before), meta: { numeric: true, exportValue: (c) => c.before, exportFormat: 'amount' } },
      { id: 'after', header: `${t('cmp.after')} (${change.to.period})`, cell: ({ row }) => money(row.original.after), meta: { numeric: true, exportValue: (c) => c.after, exportFormat: 'amount' } },
      {
        id: 'change', header: t('cmp.change'),
        cell: ({ row }) => <span className={row.original.change < 0 ? 'change-down' : 'change-up'}>{money(row.original.change)}</span>,
        meta: { numeric: true, exportValue: (c) => c.change, exportFormat: 'amount' },
      },
      { id: 'share', header: t('cmp.changeShare'), cell: ({ row }) => pct(row.original.changeShare), meta: { numeric: true, exportValue: (c) => c.changeShare, exportFormat: 'percent' } },
    ],
    // money and pct only format with `lang`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, lang, change],
  );
  const supplierColumns = useMemo<ColumnDef<SupplierMove, unknown>[]>(
    () => [
      { id: 'name', header: t('cmp.supplier'), accessorFn: (s) => s.name ?? s.key },
      { id: 'spend', header: t('cmp.spend'), cell: ({ row }) => formatKr(row.original.spend, lang, 0), meta: { numeric: true, exportValue: (s) => s.spend, exportFormat: 'amount' } },
    ],
    [t, lang],
  );
  return (
    <div className="panel compare-change" data-testid="compare-change" data-municipality={change.municipality}>
      <h2>{t('cmp.changes', { name: change.municipality, from: change.from.period, to: change.to.period })}</h2>
      <p className="muted">{t('cmp.changesHint')}</p>
      <p data-testid="compliance-trend" data-before={change.compliance.before ?? ''} data-after={change.compliance.after ?? ''}>
        <strong>{t('cmp.compliance', { before: pct(change.compliance.before), after: pct(change.compliance.after) })}</strong>
      </p>
      <DataTable data={change.categories} columns={categoryColumns} testId="change-categories" exportAs={{ name: t('export.file.changes') }} maxHeight={360} />
      <div className="panel-grid">
        <div>
          <h3>{t('cmp.newSuppliers')} ({change.newSuppliers.length})</h3>
          <DataTable data={change.newSuppliers} columns={supplierColumns} testId="new-suppliers" exportAs={{ name: t('export.file.newSuppliers') }} maxHeight={300} />
        </div>
        <div>
          <h3>{t('cmp.lostSuppliers')} ({change.lostSuppliers.length})</h3>
          <DataTable data={change.lostSuppliers} columns={supplierColumns} testId="lost-suppliers" exportAs={{ name: t('export.file.lostSuppliers') }} maxHeight={300} />
        </div>
      </div>
    </div>
  );
}
