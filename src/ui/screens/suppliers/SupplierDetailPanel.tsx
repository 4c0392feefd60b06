import { useMemo, type ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { loadSupplierBreakdown, type SupplierBreakdown } from '../../../core/analysis/views/index.js';
import { formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import { loadSupplierDetail, type NameVariant } from '../../../core/suppliers/index.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import { LinesPanel } from '../categories/LinesPanel.js';
import { Money } from '../categories/Money.js';
import { CVR_STATUS } from './labels.js';

type CategorySpend = SupplierBreakdown['byCategory'][number];
type UnitSpend = SupplierBreakdown['byUnit'][number];

/** A right-aligned number column read from one numeric field. */
function numberColumn<T>(field: keyof T & string, header: string, format: (n: number) => ReactNode): ColumnDef<T, unknown> {
  return { id: field, header, accessorFn: (r: T) => r[field], cell: (c) => format(Number(c.getValue())), meta: { numeric: true } };
}

/** One supplier: every spelling with counts, spend by category and by unit (filters applied), its lines. */
export function SupplierDetailPanel({ supplierKey, where, onClose }: { supplierKey: string; where: string; onClose: () => void }) {
  const { t, lang } = useT();
  const { tree } = useApp();
  const detail = useQuery(`sup-detail|${supplierKey}`, (db) => loadSupplierDetail(db, supplierKey));
  // The detail resolves merges: after a merge the panel follows the supplier into its new key.
  const key = detail.data?.key ?? supplierKey;
  const breakdown = useQuery(`sup-breakdown|${key}|${where}`, (db, signal) => loadSupplierBreakdown(db, { where, supplierKey: key, tree }, signal));

  const variantColumns = useMemo<ColumnDef<NameVariant, unknown>[]>(
    () => [
      { id: 'name', header: t('sup.colVariant'), accessorKey: 'name' },
      numberColumn<NameVariant>('lines', t('sup.colLines'), (n) => formatNumber(n, lang)),
      numberColumn<NameVariant>('spend', t('sup.colSpend'), (n) => <Money value={n} />),
    ],
    [t, lang],
  );
  const categoryColumns = useMemo<ColumnDef<CategorySpend, unknown>[]>(
    () => [
      { id: 'category', header: t('sup.colCategory'), cell: ({ row }) => (row.original.categoryId === null ? t('sup.unclassified') : row.original.name[lang]) },
      numberColumn<CategorySpend>('spend', t('sup.colSpend'), (n) => <Money value={n} />),
      numberColumn<CategorySpend>('share', t('sup.colShare'), (n) => formatPercent(n, lang)),
      numberColumn<CategorySpend>('lines', t('sup.colLines'), (n) => formatNumber(n, lang)),
    ],
    [t, lang],
  );
  const unitColumns = useMemo<ColumnDef<UnitSpend, unknown>[]>(
    () => [
      { id: 'unit', header: t('sup.colUnit'), cell: ({ row }) => row.original.unit ?? t('sup.noUnit') },
      numberColumn<UnitSpend>('spend', t('sup.colSpend'), (n) => <Money value={n} />),
      numberColumn<UnitSpend>('share', t('sup.colShare'), (n) => formatPercent(n, lang)),
      numberColumn<UnitSpend>('lines', t('sup.colLines'), (n) => formatNumber(n, lang)),
    ],
    [t, lang],
  );
  const scope = useMemo(() => ({ where, supplierKey: key }), [where, key]);
  if (detail.error) throw detail.error;
  if (breakdown.error) throw breakdown.error;

  const d = detail.data;
  const b = breakdown.data;
  return (
    <section className="drill" data-testid="supplier-detail" aria-busy={detail.isLoading || breakdown.isLoading}>
      <div className="drill-head">
        <div>
          <h2>{d?.displayName ?? key}</h2>
          <p className="muted">
            {t('sup.detailKey', { key })}
            {d?.cvr ? ` · CVR ${d.cvr}` : ''}
            {d ? <> · <span className={`badge cvr-${d.cvrStatus}`}>{t(CVR_STATUS[d.cvrStatus])}</span></> : null}
            {b ? ` · ${t('sup.detailSummary', { spend: formatKrCompact(b.spend, lang), lines: formatNumber(b.lines, lang) })}` : ''}
          </p>
          {d && d.mergedKeys.length > 0 && <p className="muted">{t('sup.detailMerged', { keys: d.mergedKeys.join(', ') })}</p>}
        </div>
        <button type="button" className="button" onClick={onClose}>{t('sup.close')}</button>
      </div>
      <div className="panel-grid">
        <div className="stack">
          <div className="panel">
            <h3>{t('sup.variants')}</h3>
            <DataTable data={d?.variants ?? []} columns={variantColumns} maxHeight={240} testId="supplier-variants" />
          </div>
          <div className="panel">
            <h3>{t('sup.byCategory')}</h3>
            <DataTable data={b?.byCategory ?? []} columns={categoryColumns} maxHeight={240} testId="supplier-categories" />
          </div>
        </div>
        <div className="panel">
          <h3>{t('sup.byUnit')}</h3>
          <DataTable data={b?.byUnit ?? []} columns={unitColumns} maxHeight={560} testId="supplier-units" />
        </div>
      </div>
      <LinesPanel scope={scope} title={t('cat.lines')} testId="supplier-lines" />
    </section>
  );
}
