import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { SupplierProposal } from '../../../core/classify/index.js';
import { categoryLabel, supplierProposals, upsertRules } from '../../../core/review/index.js';
import { formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import { useClsActions } from './action.js';
import { useCategoryTree } from './CategoryPicker.js';

/** Supplier rule proposals: suppliers whose classified spend is dominated by one category. */
export function SupplierProposals() {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const actions = useClsActions();
  const proposals = useQuery('cls-proposals', (db, signal) => supplierProposals(db, { signal, tree }));
  const [onlyNew, setOnlyNew] = useState(true);
  const all = proposals.data ?? [];
  const useful = all.filter((p) => p.unclassifiedLines > 0);
  const list = onlyNew ? useful : all;

  const accept = (ps: SupplierProposal[]) =>
    void actions.run(t('cls.acceptingProposals', { n: formatNumber(ps.length, lang) }), async (db) => {
      await upsertRules(db, ps.map((p) => p.rule), { tree });
      return t('cls.proposalsAccepted', { n: formatNumber(ps.length, lang) });
    });

  const columns = useMemo<ColumnDef<SupplierProposal, unknown>[]>(
    () => [
      { id: 'supplier', header: t('cls.colSupplier'), accessorFn: (p) => p.supplierName, cell: ({ row: { original: p } }) => <span className="cls-label" title={p.supplierKey}>{p.supplierName} <span className="muted key">{p.supplierKey}</span></span> },
      { id: 'category', header: t('cls.colCategory'), accessorFn: (p) => categoryLabel(tree, p.categoryId, lang), cell: ({ row }) => <span className="cls-label">{categoryLabel(tree, row.original.categoryId, lang)}</span> },
      { id: 'share', header: t('cls.colDominance'), cell: ({ row }) => formatPercent(row.original.share, lang, 0), meta: { numeric: true, exportValue: (p) => p.share, exportFormat: 'percent' } },
      {
        id: 'classified',
        header: t('cls.colClassified'),
        cell: ({ row: { original: p } }) => <span title={t('cls.linesAndSpend')}>{formatNumber(p.lines, lang)} · {formatKrCompact(p.spend, lang)}</span>,
        meta: { numeric: true, exportValue: (p) => p.spend, exportFormat: 'amount' },
      },
      {
        id: 'open',
        header: t('cls.colWouldCover'),
        cell: ({ row: { original: p } }) => <span title={t('cls.linesAndSpend')}>{formatNumber(p.unclassifiedLines, lang)} · {formatKrCompact(p.unclassifiedSpend, lang)}</span>,
        meta: { numeric: true, exportValue: (p) => p.unclassifiedSpend, exportFormat: 'amount' },
      },
      {
        id: 'actions',
        header: t('cls.colActions'),
        cell: ({ row: { original: p } }) => (
          <button type="button" className="button small primary" disabled={!!actions.busy} data-testid="proposal-accept" onClick={() => accept([p])}>{t('cls.accept')}</button>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, actions.busy, tree],
  );
  if (proposals.error) throw proposals.error;

  return (
    <section className="panel cls-proposals" data-testid="cls-proposals" aria-busy={proposals.isLoading}>
      <div className="panel-head">
        <h2>{t('cls.proposalsTitle')}</h2>
        <span className="muted" data-testid="proposal-count" data-value={all.length}>{t('cls.proposalCount', { n: formatNumber(all.length, lang) })}</span>
        <button type="button" className="button primary" disabled={!!actions.busy || useful.length === 0} data-testid="proposal-accept-all" onClick={() => accept(useful)}>
          {t('cls.acceptUseful', { n: formatNumber(useful.length, lang) })}
        </button>
      </div>
      <p className="muted">{t('cls.proposalsIntro')}</p>
      <label className="cls-check">
        <input type="checkbox" checked={onlyNew} onChange={(e) => setOnlyNew(e.target.checked)} data-testid="proposal-only-new" /> {t('cls.onlyNew')}
      </label>
      {list.length === 0 && !proposals.isLoading ? <p className="muted">{t('cls.noProposals')}</p> : <DataTable data={list} columns={columns} maxHeight={460} testId="proposal-table" exportAs={{ name: t('export.file.proposals') }} />}
    </section>
  );
}
