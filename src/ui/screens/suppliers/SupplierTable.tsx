import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { SupplierOverviewRow, SupplierSort } from '../../../core/analysis/views/index.js';
import { formatKr, formatNumber } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useT } from '../../app/app-context.js';
import { DataTable } from '../../components/DataTable.js';
import type { MessageKey } from '../../i18n/messages.js';
import { SortHeader } from '../categories/SortHeader.js';
import { CVR_STATUS } from './labels.js';
import type { CellFormat } from '../../../core/report/xlsx-workbook.js';

type Col = {
  id: SupplierSort | 'topCategory';
  label: MessageKey;
  numeric?: boolean;
  value: (r: SupplierOverviewRow, lang: Lang) => string;
  /** The raw figure for exports (default: the shown text). */
  raw?: (r: SupplierOverviewRow) => number;
  format?: CellFormat;
};

const COLUMNS: Col[] = [
  { id: 'cvr', label: 'sup.colCvr', value: (r) => r.cvr ?? '–' },
  { id: 'variants', label: 'sup.colVariants', numeric: true, value: (r, lang) => formatNumber(r.variants, lang), raw: (r) => r.variants, format: 'int' },
  { id: 'spend', label: 'sup.colSpend', numeric: true, value: (r, lang) => formatKr(r.spend, lang, 0), raw: (r) => r.spend, format: 'amount' },
  { id: 'lines', label: 'sup.colLines', numeric: true, value: (r, lang) => formatNumber(r.lines, lang), raw: (r) => r.lines, format: 'int' },
  { id: 'units', label: 'sup.colUnits', numeric: true, value: (r, lang) => formatNumber(r.units, lang), raw: (r) => r.units, format: 'int' },
  { id: 'categories', label: 'sup.colCategories', numeric: true, value: (r, lang) => formatNumber(r.categories, lang), raw: (r) => r.categories, format: 'int' },
  { id: 'topCategory', label: 'sup.colTopCategory', value: (r, lang) => (r.topCategoryId === null ? '–' : r.topCategoryName[lang]) },
];

/** The normalised suppliers; headers sort in SQL, the name opens the supplier's details. */
export function SupplierTable({
  rows,
  sort,
  desc,
  onSort,
  selected,
  onSelect,
  exportRows,
}: {
  rows: SupplierOverviewRow[];
  sort: SupplierSort;
  desc: boolean;
  onSort: (sort: SupplierSort, desc: boolean) => void;
  selected: string | null;
  onSelect: (key: string | null) => void;
  /** Every supplier matching the search, in the current sort (the table shows the first few hundred). */
  exportRows: () => Promise<readonly SupplierOverviewRow[]>;
}) {
  const { t, lang } = useT();
  const columns = useMemo<ColumnDef<SupplierOverviewRow, unknown>[]>(() => {
    const header = (id: SupplierSort, label: MessageKey, numeric = false) => () => (
      <SortHeader id={id} label={t(label)} sort={sort} desc={desc} onSort={onSort} title={t('sup.sortBy', { column: t(label) })} firstDesc={numeric} />
    );
    const name: ColumnDef<SupplierOverviewRow, unknown> = {
      id: 'name',
      header: header('name', 'sup.colName'),
      meta: { exportHeader: t('sup.colName'), exportValue: (r) => r.name },
      cell: ({ row: { original: r } }) => (
        <button
          type="button"
          className={`link-button${selected === r.key ? ' selected' : ''}`}
          aria-pressed={selected === r.key}
          title={t('sup.open', { name: r.name })}
          data-testid="supplier-open"
          data-key={r.key}
          onClick={() => onSelect(selected === r.key ? null : r.key)}
        >
          {r.name}
        </button>
      ),
    };
    const status: ColumnDef<SupplierOverviewRow, unknown> = {
      id: 'status',
      header: t('sup.colStatus'),
      meta: { exportValue: (r) => (r.cvrStatus === null ? null : t(CVR_STATUS[r.cvrStatus])) },
      cell: ({ row: { original: r } }) =>
        r.cvrStatus === null ? '–' : <span className={`badge cvr-${r.cvrStatus}`}>{t(CVR_STATUS[r.cvrStatus])}</span>,
    };
    const rest = COLUMNS.map<ColumnDef<SupplierOverviewRow, unknown>>((c) => ({
      id: c.id,
      header: c.id === 'topCategory' ? t(c.label) : header(c.id, c.label, c.numeric),
      cell: ({ row }) => c.value(row.original, lang),
      meta: { numeric: c.numeric, exportHeader: t(c.label), exportValue: c.raw ?? ((r) => c.value(r, lang)), exportFormat: c.format },
    }));
    return [name, rest[0]!, status, ...rest.slice(1)];
  }, [t, lang, sort, desc, onSort, selected, onSelect]);
  return (
    <div className="supplier-table">
      <DataTable data={rows} columns={columns} maxHeight={520} testId="supplier-table" exportAs={{ name: t('export.file.suppliers'), rows: exportRows }} />
    </div>
  );
}
