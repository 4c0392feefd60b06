import { useCallback, useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { CategoryRow } from '../../../core/analysis/views/index.js';
import { formatKr, formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useT } from '../../app/app-context.js';
import { DataTable } from '../../components/DataTable.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { CellFormat } from '../../../core/report/xlsx-workbook.js';

interface TreeRow {
  row: CategoryRow;
  depth: 0 | 1;
}

/** The selected category: an id, or null for the unclassified row. */
export type CategorySelection = { id: string | null } | null;

type Metric = {
  label: MessageKey;
  value: (r: CategoryRow, lang: Lang) => string;
  title?: (r: CategoryRow, lang: Lang) => string;
  /** The raw figure for exports, and how it is formatted there. */
  raw: (r: CategoryRow) => number | null;
  format: CellFormat;
};

const pct = (v: number | null, lang: Lang) => (v === null ? '–' : formatPercent(v, lang));

const METRICS: Metric[] = [
  { label: 'cat.colSpend', value: (r, lang) => formatKrCompact(r.spend, lang), title: (r, lang) => `${formatKr(r.spend, lang)} · ${formatPercent(r.share, lang)}`, raw: (r) => r.spend, format: 'amount' },
  { label: 'cat.colSuppliers', value: (r, lang) => formatNumber(r.suppliers, lang), raw: (r) => r.suppliers, format: 'int' },
  { label: 'cat.colSuppliers80', value: (r, lang) => formatNumber(r.suppliers80, lang), raw: (r) => r.suppliers80, format: 'int' },
  { label: 'cat.colHhi', value: (r, lang) => formatNumber(r.hhi, lang), raw: (r) => r.hhi, format: 'decimal' },
  { label: 'cat.colTopShare', value: (r, lang) => formatPercent(r.topSupplierShare, lang), title: (r) => r.topSupplier?.name ?? '', raw: (r) => r.topSupplierShare, format: 'percent' },
  { label: 'cat.colUnits', value: (r, lang) => formatNumber(r.units, lang), raw: (r) => r.units, format: 'int' },
  { label: 'cat.colDocuments', value: (r, lang) => formatNumber(r.documents, lang), raw: (r) => r.documents, format: 'int' },
  { label: 'cat.colMedian', value: (r, lang) => (r.medianDocument === null ? '–' : formatKr(r.medianDocument, lang, 0)), raw: (r) => r.medianDocument, format: 'amount' },
  { label: 'cat.colSmall', value: (r, lang) => pct(r.smallOrderShare, lang), raw: (r) => r.smallOrderShare, format: 'percent' },
  { label: 'cat.colEcommerce', value: (r, lang) => pct(r.ecommerceShare, lang), raw: (r) => r.ecommerceShare, format: 'percent' },
];

const ON_CONTRACT: Metric = { label: 'cat.colOnContract', value: (r, lang) => pct(r.onContractShare, lang), raw: (r) => r.onContractShare, format: 'percent' };

/** Level-1 categories, expandable to level 2, with the fragmentation figures; names select. */
export function CategoryTable({
  rows,
  hasContracts,
  selected,
  onSelect,
}: {
  rows: CategoryRow[];
  hasContracts: boolean;
  selected: CategorySelection;
  onSelect: (selection: CategorySelection) => void;
}) {
  const { t, lang } = useT();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const flat = useMemo<TreeRow[]>(
    () =>
      rows.flatMap((row) => [
        { row, depth: 0 as const },
        ...(row.id !== null && expanded.has(row.id) ? row.children.map((c) => ({ row: c, depth: 1 as const })) : []),
      ]),
    [rows, expanded],
  );

  // The export holds every category and its children, whatever is expanded on screen.
  const exportRows = useCallback(
    async (): Promise<TreeRow[]> => rows.flatMap((row) => [{ row, depth: 0 as const }, ...row.children.map((c) => ({ row: c, depth: 1 as const }))]),
    [rows],
  );
  const columns = useMemo<ColumnDef<TreeRow, unknown>[]>(() => {
    const toggle = (id: string) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    const name: ColumnDef<TreeRow, unknown> = {
      id: 'name',
      header: t('cat.colCategory'),
      meta: { exportValue: ({ row }) => row.name[lang], exportHeader: t('cat.colCategory') },
      cell: ({ row: { original } }) => {
        const { row, depth } = original;
        const label = row.name[lang];
        const open = row.id !== null && expanded.has(row.id);
        const isSelected = selected !== null && selected.id === row.id;
        return (
          <span className={`tree-cell depth-${depth}${row.id === null ? ' unclassified' : ''}`}>
            {depth === 0 && row.children.length > 0 ? (
              <button
                type="button"
                className="tree-toggle"
                aria-expanded={open}
                aria-label={t(open ? 'cat.collapse' : 'cat.expand', { name: label })}
                data-testid={`cat-toggle-${row.id ?? 'none'}`}
                onClick={() => toggle(row.id!)}
              >
                {open ? '▾' : '▸'}
              </button>
            ) : (
              <span className="tree-toggle-space" />
            )}
            <button
              type="button"
              className={`link-button tree-name${isSelected ? ' selected' : ''}`}
              aria-pressed={isSelected}
              title={row.id === null ? t('cat.unclassifiedHint') : t('cat.select', { name: label })}
              data-testid="cat-select"
              data-category={row.id ?? ''}
              onClick={() => onSelect(isSelected ? null : { id: row.id })}
            >
              {label}
            </button>
          </span>
        );
      },
    };
    const addressable: ColumnDef<TreeRow, unknown> = {
      id: 'addressable',
      header: t('cat.colAddressable'),
      accessorFn: ({ row }) => (row.addressable === null ? '–' : t(row.addressable ? 'cat.yes' : 'cat.no')),
    };
    const metric = (m: Metric, i: number): ColumnDef<TreeRow, unknown> => ({
      id: `m${i}`,
      header: t(m.label),
      cell: ({ row: { original } }) => <span title={m.title?.(original.row, lang)}>{m.value(original.row, lang)}</span>,
      meta: { numeric: true, exportValue: ({ row }) => m.raw(row), exportFormat: m.format },
    });
    const metrics = hasContracts ? [...METRICS, ON_CONTRACT] : METRICS;
    return [name, metric(metrics[0]!, 0), addressable, ...metrics.slice(1).map((m, i) => metric(m, i + 1))];
  }, [t, lang, expanded, selected, onSelect, hasContracts]);

  return (
    <div className="category-table">
      <DataTable data={flat} columns={columns} maxHeight={560} testId="category-table" exportAs={{ name: t('export.file.categories'), rows: exportRows }} />
    </div>
  );
}
