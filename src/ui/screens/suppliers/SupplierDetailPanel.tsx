import { useMemo, type ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { loadSupplierBreakdown, type SupplierBreakdown } from '../../../core/analysis/views/index.js';
import { formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import { loadSupplierProfile, type NameVariant } from '../../../core/suppliers/index.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import type { CellFormat } from '../../../core/report/xlsx-workbook.js';
import { LinesPanel } from '../categories/LinesPanel.js';
import { Money } from '../categories/Money.js';
import { CVR_STATUS } from './labels.js';

type CategorySpend = SupplierBreakdown['byCategory'][number];
type UnitSpend = SupplierBreakdown['byUnit'][number];

/** A right-aligned number column read from one numeric field. */
function numberColumn<T>(field: keyof T & string, header: string, format: (n: number) => ReactNode, exportFormat: CellFormat): ColumnDef<T, unknown> {
  return { id: field, header, accessorFn: (r: T) => r[field], cell: (c) => format(Number(c.getValue())), meta: { numeric: true, exportFormat } };
}

/** One supplier: every spelling with counts, spend by category and by unit (filters applied), its lines. */
export function SupplierDetailPanel({ supplierKey, where, onClose }: { supplierKey: string; where: string; onClose: () => void }) {
  const { t, lang } = useT();
  const { tree } = useApp();
  const detail = useQuery(`sup-detail|${supplierKey}`, (db) => loadSupplierProfile(db, supplierKey));
  // The detail resolves merges: after a merge the panel follows the supplier into its new key.
  const key = detail.data?.key ?? supplierKey;
  const breakdown = useQuery(`sup-breakdown|${key}|${where}`, (db, signal) => loadSupplierBreakdown(db, { where, supplierKey: key, tree }, signal));

  const variantColumns = useMemo<ColumnDef<NameVariant, unknown>[]>(
    () => [
      { id: 'name', header: t('sup.colVariant'), accessorKey: 'name' },
      numberColumn<NameVariant>('lines', t('sup.colLines'), (n) => formatNumber(n, lang), 'int'),
      numberColumn<NameVariant>('spend', t('sup.colSpend'), (n) => <Money value={n} />, 'amount'),
    ],
    [t, lang],
  );
  const categoryColumns = useMemo<ColumnDef<CategorySpend, unknown>[]>(
    () => [
      { id: 'category', header: t('sup.colCategory'), accessorFn: (r) => (r.categoryId === null ? t('sup.unclassified') : r.name[lang]) },
      numberColumn<CategorySpend>('spend', t('sup.colSpend'), (n) => <Money value={n} />, 'amount'),
      numberColumn<CategorySpend>('share', t('sup.colShare'), (n) => formatPercent(n, lang), 'percent'),
      numberColumn<CategorySpend>('lines', t('sup.colLines'), (n) => formatNumber(n, lang), 'int'),
    ],
    [t, lang],
  );
  const unitColumns = useMemo<ColumnDef<UnitSpend, unknown>[]>(
    () => [
      { id: 'unit', header: t('sup.colUnit'), accessorFn: (r) => r.unit ?? t('sup.noUnit') },
      numberColumn<UnitSpend>('spend', t('sup.colSpend'), (n) => <Money value={n} />, 'amount'),
      numberColumn<UnitSpend>('share', t('sup.colShare'), (n) => formatPercent(n, lang), 'percent'),
      numberColumn<UnitSpend>('lines', t('sup.colLines'), (n) => formatNumber(n, lang), 'int'),
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
            <DataTable data={d?.variants ?? []} columns={variantColumns} maxHeight={240} testId="supplier-variants" exportAs={{ name: t('export.file.supplierVariants') }} />
          </div>
          <div className="panel">
            <h3>{t('sup.byCategory')}</h3>
            <DataTable data={b?.byCategory ?? []} columns={categoryColumns} maxHeight={240} testId="supplier-categories" exportAs={{ name: t('export.file.supplierCategories') }} />
          </div>
        </div>
        <div className="panel">
          <h3>{t('sup.byUnit')}</h3>
          <DataTable data={b?.byUnit ?? []} columns={unitColumns} maxHeight={560} testId="supplier-units" exportAs={{ name: t('export.file.supplierUnits') }} />
        </div>
      </div>
      <LinesPanel scope={scope} title={t('cat.lines')} testId="supplier-lines" />
    </section>
  );
}
