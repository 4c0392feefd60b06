import { useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { loadCategoryDrill, type DrillSupplier, type DrillUnit } from '../../../core/analysis/views/index.js';
import { formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { Chart, type ChartOption } from '../../components/Chart.js';
import { DataTable } from '../../components/DataTable.js';
import { trendOption } from './charts.js';
import { LinesPanel } from './LinesPanel.js';
import { Money } from './Money.js';
import { SupplierUnitMatrix } from './SupplierUnitMatrix.js';

/** One category (or the unclassified lines): suppliers, units, unit × supplier matrix, months, lines. */
export function CategoryDrill({ where, categoryId, name, onClose }: { where: string; categoryId: string | null; name: string; onClose: () => void }) {
  const { t, lang } = useT();
  const { tree } = useApp();
  const [supplier, setSupplier] = useState<{ key: string; name: string } | null>(null);
  const scope = useMemo(() => ({ where, categoryId }), [where, categoryId]);
  const drill = useQuery(`drill|${JSON.stringify(scope)}`, (db, signal) => loadCategoryDrill(db, { ...scope, tree }, { signal }));
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    // At once, not smoothly: a smooth scroll kept the page moving for ~0.3 s after each pick, so the
    // next category (and any button under the pointer) moved while a person aimed at it. A block body
    // on purpose: newer Chromium returns a promise from scrollIntoView, and an effect must return
    // nothing or a cleanup function.
    void box.current?.scrollIntoView({ behavior: 'instant', block: 'start' });
  }, [categoryId]);

  const supplierColumns = useMemo<ColumnDef<DrillSupplier, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('cat.colSupplier'),
        accessorFn: (s) => s.name,
        cell: ({ row: { original: s } }) => (
          <button
            type="button"
            className={`link-button${supplier?.key === s.key ? ' selected' : ''}`}
            aria-pressed={supplier?.key === s.key}
            title={t('cat.showLines', { name: s.name })}
            data-testid="drill-supplier"
            onClick={() => setSupplier(supplier?.key === s.key ? null : { key: s.key, name: s.name })}
          >
            {s.name}
          </button>
        ),
      },
      { id: 'spend', header: t('cat.colSpend'), cell: ({ row }) => <Money value={row.original.spend} />, meta: { numeric: true, exportValue: (s) => s.spend, exportFormat: 'amount' } },
      { id: 'share', header: t('cat.colShare'), cell: ({ row }) => formatPercent(row.original.share, lang), meta: { numeric: true, exportValue: (s) => s.share, exportFormat: 'percent' } },
      { id: 'lines', header: t('cat.colLines'), cell: ({ row }) => formatNumber(row.original.lines, lang), meta: { numeric: true, exportValue: (s) => s.lines, exportFormat: 'int' } },
      { id: 'units', header: t('cat.colUnits'), cell: ({ row }) => formatNumber(row.original.units, lang), meta: { numeric: true, exportValue: (s) => s.units, exportFormat: 'int' } },
    ],
    [t, lang, supplier],
  );
  const unitColumns = useMemo<ColumnDef<DrillUnit, unknown>[]>(
    () => [
      { id: 'unit', header: t('cat.colUnit'), accessorFn: (u) => u.unit ?? t('cat.noUnit') },
      { id: 'spend', header: t('cat.colSpend'), cell: ({ row }) => <Money value={row.original.spend} />, meta: { numeric: true, exportValue: (u) => u.spend, exportFormat: 'amount' } },
      { id: 'share', header: t('cat.colShare'), cell: ({ row }) => formatPercent(row.original.share, lang), meta: { numeric: true, exportValue: (u) => u.share, exportFormat: 'percent' } },
      { id: 'lines', header: t('cat.colLines'), cell: ({ row }) => formatNumber(row.original.lines, lang), meta: { numeric: true, exportValue: (u) => u.lines, exportFormat: 'int' } },
      { id: 'suppliers', header: t('cat.colSuppliers'), cell: ({ row }) => formatNumber(row.original.suppliers, lang), meta: { numeric: true, exportValue: (u) => u.suppliers, exportFormat: 'int' } },
    ],
    [t, lang],
  );
  const trend = useMemo<ChartOption>(() => trendOption(drill.data?.trend ?? [], lang), [drill.data, lang]);

  const linesScope = useMemo(() => ({ ...scope, supplierKey: supplier?.key }), [scope, supplier]);
  if (drill.error) throw drill.error;
  const d = drill.data;
  return (
    <section className="drill" ref={box} data-testid="category-drill" data-category={categoryId ?? ''} aria-busy={drill.isLoading} aria-label={t('cat.drillTitle', { name })}>
      <div className="drill-head">
        <div>
          <h2>{t('cat.drillTitle', { name })}</h2>
          <p className="muted" data-testid="drill-summary" data-value={d?.spend ?? 0}>
            {d
              ? t('cat.drillSummary', {
                  spend: formatKrCompact(d.spend, lang),
                  suppliers: formatNumber(d.supplierCount, lang),
                  units: formatNumber(d.unitCount, lang),
                  lines: formatNumber(d.lines, lang),
                })
              : t('cat.loading')}
          </p>
        </div>
        <button type="button" className="button" onClick={onClose} data-testid="drill-close">{t('cat.close')}</button>
      </div>
      <div className="panel-grid">
        <div className="panel">
          <h3>{t('cat.suppliers')}</h3>
          <DataTable data={d?.suppliers ?? []} columns={supplierColumns} maxHeight={360} testId="drill-suppliers" exportAs={{ name: t('export.file.drillSuppliers') }} />
        </div>
        <div className="panel">
          <h3>{t('cat.units')}</h3>
          <DataTable data={d?.units ?? []} columns={unitColumns} maxHeight={360} testId="drill-units" exportAs={{ name: t('export.file.drillUnits') }} />
        </div>
      </div>
      <div className="panel">
        <h3>{t('cat.matrix')}</h3>
        {d && <SupplierUnitMatrix matrix={d.matrix} />}
      </div>
      <div className="panel">
        <h3>{t('cat.trend')}</h3>
        <Chart option={trend} label={t('cat.trend')} height={220} testId="drill-trend" />
      </div>
      <LinesPanel
        scope={linesScope}
        title={supplier ? t('cat.linesSupplier', { supplier: supplier.name }) : t('cat.lines')}
        action={
          supplier && (
            <button type="button" className="button small" onClick={() => setSupplier(null)} data-testid="drill-all-suppliers">
              {t('cat.allSuppliers')}
            </button>
          )
        }
      />
    </section>
  );
}
