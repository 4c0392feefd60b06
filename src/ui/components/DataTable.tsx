import { useRef } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { exportColumns } from './column-meta.js';
import { ExportButton } from './ExportButton.js';

const ROW_HEIGHT = 32;

/**
 * The one table wrapper: TanStack Table for columns, rows virtualised so a reject list of
 * 100,000 rows scrolls as smoothly as ten. Sorting and paging of large data belong in SQL.
 * With `exportAs` it offers "Eksportér" (.xlsx / .csv) of its rows in their current order, each
 * column by its raw value (column meta `exportValue`); `rows` fetches all of them when the table
 * shows one page.
 */
export function DataTable<T>({
  data,
  columns,
  maxHeight = 480,
  testId,
  caption,
  exportAs,
}: {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  maxHeight?: number;
  testId?: string;
  caption?: string;
  exportAs?: { name: string; rows?: () => Promise<readonly T[]> };
}) {
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel() });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);

  const body = (
    <div className="table-scroll" ref={scroller} style={{ maxHeight }} data-testid={testId}>
      <table className="data-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} className={header.column.columnDef.meta?.numeric ? 'num' : undefined}>
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && <tr style={{ height: padTop }} aria-hidden="true" />}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr key={row.id} style={{ height: ROW_HEIGHT }}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'num' : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
  if (!exportAs) return body;
  return (
    <div className="table-with-export">
      <ExportButton spec={{ name: exportAs.name, columns: exportColumns(columns), rows: exportAs.rows ?? data }} testId={`${testId ?? 'table'}-export`} />
      {body}
    </div>
  );
}
