import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { SupplierUnitMatrix as Matrix } from '../../../core/analysis/views/index.js';
import { formatKr, formatNumber } from '../../../core/format/format.js';
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
  // One unit for the whole matrix (million or thousand kroner), so the cells stay narrow and comparable.
  const millions = Math.max(max, ...matrix.suppliers.map((s) => s.spend)) >= 1e6;
  const columns = useMemo<ColumnDef<MatrixRow, unknown>[]>(() => {
    const step = millions ? 0.1 : 1;
    const money = (v: number) => {
      if (v === 0) return '';
      const scaled = millions ? v / 1e6 : v / 1e3;
      // A small amount is not shown as "0,0": it is there, just below the last digit.
      if (Math.abs(scaled) < step / 2) return `${scaled < 0 ? '> −' : '< '}${formatNumber(step, lang, millions ? 1 : 0)}`;
      return formatNumber(scaled, lang, millions ? 1 : 0);
    };
    return [
      {
        id: 'supplier',
        header: t('cat.colSupplier'),
        accessorFn: (r) => r.name,
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
        meta: { numeric: true, exportHeader: unit ?? t('cat.noUnit'), exportValue: (r) => r.cells[j] ?? 0, exportFormat: 'amount' },
      })),
      {
        id: 'other',
        header: t('cat.colOther'),
        cell: ({ row }) => <span className="muted" title={formatKr(row.original.other, lang, 0)}>{money(row.original.other)}</span>,
        meta: { numeric: true, exportValue: (r) => r.other, exportFormat: 'amount' },
      },
      { id: 'total', header: t('cat.colTotal'), cell: ({ row }) => <strong title={formatKr(row.original.total, lang, 0)}>{money(row.original.total)}</strong>, meta: { numeric: true, exportValue: (r) => r.total, exportFormat: 'amount' } },
    ];
  }, [matrix.units, max, millions, t, lang]);
  return (
    <div className="matrix">
      <p className="muted">
        {t('cat.matrixHint')} {t(millions ? 'cat.matrixMillions' : 'cat.matrixThousands')}
      </p>
      <DataTable data={rows} columns={columns} maxHeight={420} testId="unit-supplier-matrix" exportAs={{ name: t('export.file.matrix') }} />
    </div>
  );
}
