import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { JOINT_TENDER_RULES, type Comparison, type JointTender, type SharedSupplier } from '../../../core/compare/index.js';
import { formatKr, formatKrCompact, formatNumber } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { DataTable } from '../../components/DataTable.js';

const SHOWN = 3;

/** Suppliers and categories the data sets share, and the joint-tender candidates among the municipalities. */
export function SharedPanel({ c, names }: { c: Comparison; names: string[] }) {
  const { t, lang } = useT();
  const supplierColumns = useMemo<ColumnDef<SharedSupplier, unknown>[]>(
    () => [
      { id: 'name', header: t('cmp.supplier'), accessorFn: (s) => s.name ?? s.key },
      { id: 'key', header: t('cmp.key'), accessorKey: 'key' },
      { id: 'datasets', header: t('cmp.datasets'), accessorKey: 'datasets', meta: { numeric: true, exportFormat: 'int' } },
      ...names.map((n, i): ColumnDef<SharedSupplier, unknown> => ({
        id: `spend${i}`,
        header: n,
        cell: ({ row }) => formatKr(row.original.spend[i] ?? 0, lang, 0),
        meta: { numeric: true, exportValue: (s) => s.spend[i] ?? 0, exportFormat: 'amount' },
      })),
    ],
    [names, t, lang],
  );
  const jointColumns = useMemo<ColumnDef<JointTender, unknown>[]>(
    () => [
      { id: 'category', header: t('cmp.category'), accessorFn: (j) => j.name[lang] },
      { id: 'municipalities', header: t('cmp.municipalities'), accessorFn: (j) => j.participants.map((p) => `${p.municipality} (${formatKrCompact(p.annualSpend, lang)})`).join(', ') },
      { id: 'joint', header: t('cmp.jointSpend'), cell: ({ row }) => formatKr(row.original.jointSpend, lang, 0), meta: { numeric: true, exportValue: (j) => j.jointSpend, exportFormat: 'amount' } },
      { id: 'threshold', header: t('cmp.threshold'), cell: ({ row }) => formatKr(row.original.threshold, lang, 0), meta: { numeric: true, exportValue: (j) => j.threshold, exportFormat: 'amount' } },
      { id: 'together', header: t('cmp.together'), accessorFn: (j) => t(j.aboveThreshold ? 'cmp.above' : 'cmp.below') },
      {
        id: 'suppliers', header: t('cmp.sharedSuppliers'),
        accessorFn: (j) => j.sharedSuppliers.slice(0, SHOWN).map((s) => s.name ?? s.key).join(', ') + (j.sharedSuppliers.length > SHOWN ? ` ${t('report.more', { n: j.sharedSuppliers.length - SHOWN })}` : ''),
        meta: { exportValue: (j) => j.sharedSuppliers.map((s) => s.name ?? s.key).join(', ') },
      },
    ],
    [t, lang],
  );
  const pct = (v: number) => formatNumber(v * 100, lang);
  // A joint tender takes two municipalities; one municipality's periods have none to show.
  const municipalities = new Set(c.datasets.map((d) => d.municipality)).size;
  return (
    <>
      {municipalities >= 2 && <div className="panel">
        <h2>{t('cmp.joint')}</h2>
        <p className="muted">{t('cmp.jointHint', { near: pct(JOINT_TENDER_RULES.nearThreshold), min: pct(JOINT_TENDER_RULES.minJointShare) })}</p>
        {c.jointTenders.length === 0 ? (
          <p className="muted" data-testid="joint-tenders-none">{t('cmp.jointNone')}</p>
        ) : (
          <DataTable data={c.jointTenders} columns={jointColumns} testId="joint-tenders" exportAs={{ name: t('export.file.joint') }} maxHeight={360} />
        )}
      </div>}
      <div className="panel">
        <h2>{t('cmp.shared')}</h2>
        <p className="muted" data-testid="shared-summary" data-value={c.sharedSuppliers.length}>
          {t('cmp.sharedText', {
            all: formatNumber(c.sharedCategories.all, lang), total: formatNumber(c.sharedCategories.total, lang),
            several: formatNumber(c.sharedCategories.several, lang), suppliers: formatNumber(c.sharedSuppliers.length, lang),
          })}
        </p>
        {c.sharedSuppliers.length > 0 && (
          <DataTable data={c.sharedSuppliers} columns={supplierColumns} testId="shared-suppliers" exportAs={{ name: t('export.file.shared') }} maxHeight={360} />
        )}
      </div>
    </>
  );
}
