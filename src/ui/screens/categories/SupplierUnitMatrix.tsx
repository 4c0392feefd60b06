import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { SupplierUnitMatrix as Matrix } from '../../../core/analysis/views/index.js';
import { formatKr, formatKrCompact } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { DataTable } from '../../components/DataTable.js';
import { heatStyle } from './heat.js';

interface MatrixRow {
  name: string;
  cells: number[];
  other: number;
  total: number;
}

/** Top suppliers × top units with spend in the cells, shaded by size (who buys what from whom). */
export function SupplierUnitMatrix({ matrix }: { matrix: Matrix }) {
  const { t, lang } = useT();
  const rows = useMemo<MatrixRow[]>(
    () => matrix.suppliers.map((s, i) => ({ name: s.name, cells: matrix.cells[i] ?? [], other: matrix.otherUnits[i] ?? 0, total: s.spend })),
    [matrix],
  );
  const max = useMemo(() => Math.max(0, ...matrix.cells.flat()), [matrix]);
  const columns = useMemo<ColumnDef<MatrixRow, unknown>[]>(() => {
    const money = (v: number) => (v === 0 ? '' : formatKrCompact(v, lang));
    return [
      {
        id: 'supplier',
        header: t('cat.colSupplier'),
        cell: ({ row }) => <span title={row.original.name} className="matrix-name">{row.original.name}</span>,
      },
      ...matrix.units.map<ColumnDef<MatrixRow, unknown>>((unit, j) => ({
        id: `u${j}`,
        header: () => <span className="matrix-head" title={unit ?? t('cat.noUnit')}>{unit ?? t('cat.noUnit')}</span>,
        cell: ({ row }) => {
          const v = row.original.cells[j] ?? 0;
          return (
            <span className="heat" style={heatStyle(v, max)} title={v ? formatKr(v, lang, 0) : undefined}>
              {money(v)}
            </span>
          );
        },
        meta: { numeric: true },
      })),
      {
        id: 'other',
        header: t('cat.colOther'),
        cell: ({ row }) => <span className="muted">{money(row.original.other)}</span>,
        meta: { numeric: true },
      },
      { id: 'total', header: t('cat.colTotal'), cell: ({ row }) => <strong>{formatKrCompact(row.original.total, lang)}</strong>, meta: { numeric: true } },
    ];
  }, [matrix.units, max, t, lang]);
  return (
    <div className="matrix">
      <DataTable data={rows} columns={columns} maxHeight={420} testId="unit-supplier-matrix" />
    </div>
  );
}
