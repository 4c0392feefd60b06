import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { formatKr, formatKrCompact, formatNumber } from '../../../core/format/format.js';
import { acceptMerge, acceptProposalsAbove, listMergeProposals, rejectMerge, type MergeProposal } from '../../../core/suppliers/index.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import { reasonKey } from './labels.js';

const AUTO_ACCEPT = 0.95;

/** Open merge proposals; a person accepts or rejects each (or all above 0.95). Other screens refresh. */
export function MergeProposals() {
  const { db, notifyDataChanged } = useApp();
  const { t, lang } = useT();
  const proposals = useQuery('merge-proposals', (d) => listMergeProposals(d, 'proposed'));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<string | null>) => {
    if (!db || busy) return;
    setBusy(true);
    setError(null);
    try {
      setMessage(await action());
      notifyDataChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<ColumnDef<MergeProposal, unknown>[]>(() => {
    const side = (name: string | null, key: string) => (
      <span title={key}>
        {name ?? key} <span className="muted key">{key}</span>
      </span>
    );
    return [
      { id: 'from', header: t('sup.mergeFrom'), meta: { exportValue: (p) => p.fromName ?? p.fromKey }, cell: ({ row: { original: p } }) => side(p.fromName, p.fromKey) },
      { id: 'to', header: t('sup.mergeTo'), meta: { exportValue: (p) => p.toName ?? p.toKey }, cell: ({ row: { original: p } }) => side(p.toName, p.toKey) },
      { id: 'score', header: t('sup.mergeScore'), cell: ({ row }) => (row.original.score === null ? '–' : formatNumber(row.original.score, lang, 2)), meta: { numeric: true, exportValue: (p) => p.score, exportFormat: 'decimal' } },
      {
        id: 'reason',
        header: t('sup.mergeReason'),
        accessorFn: (p) => {
          const k = reasonKey(p.reason);
          return k ? t(k) : p.reason;
        },
        cell: ({ row }) => {
          const k = reasonKey(row.original.reason);
          return k ? t(k) : row.original.reason;
        },
      },
      {
        id: 'spend',
        header: t('sup.mergeSpend'),
        cell: ({ row: { original: p } }) => (
          <span title={`${formatKr(p.fromSpend, lang, 0)} / ${formatKr(p.toSpend, lang, 0)}`}>
            {formatKrCompact(p.fromSpend, lang)} / {formatKrCompact(p.toSpend, lang)}
          </span>
        ),
        meta: { numeric: true, exportValue: (p) => p.fromSpend + p.toSpend, exportFormat: 'amount' },
      },
      {
        id: 'actions',
        header: t('sup.mergeActions'),
        cell: ({ row: { original: p } }) => (
          <span className="row-actions">
            <button
              type="button"
              className="button small primary"
              disabled={busy}
              data-testid="merge-accept"
              onClick={() => void run(async () => (db ? (await acceptMerge(db, p.fromKey, p.toKey), null) : null))}
            >
              {t('sup.accept')}
            </button>
            <button
              type="button"
              className="button small"
              disabled={busy}
              data-testid="merge-reject"
              onClick={() => void run(async () => (db ? (await rejectMerge(db, p.fromKey, p.toKey), null) : null))}
            >
              {t('sup.reject')}
            </button>
          </span>
        ),
      },
    ];
    // `run` closes over db and busy, which are in the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, lang, busy, db]);

  if (proposals.error) throw proposals.error;
  const list = proposals.data ?? [];
  const above = list.filter((p) => (p.score ?? 0) >= AUTO_ACCEPT).length;
  return (
    <section className="panel" data-testid="merge-proposals" aria-busy={proposals.isLoading || busy}>
      <div className="panel-head">
        <h2>{t('sup.mergeTitle')}</h2>
        <span className="muted" data-testid="merge-count" data-value={list.length}>
          {t('sup.proposalCount', { n: formatNumber(list.length, lang) })}
        </span>
        <button
          type="button"
          className="button primary"
          disabled={busy || above === 0}
          data-testid="merge-accept-all"
          onClick={() =>
            void run(async () => (db ? t('sup.acceptedAll', { n: formatNumber(await acceptProposalsAbove(db, AUTO_ACCEPT), lang) }) : null))
          }
        >
          {t('sup.acceptAll')}
        </button>
      </div>
      <p className="muted">{t('sup.mergeIntro')}</p>
      {message && <p className="notice" role="status">{message}</p>}
      {error && <p className="error-message" role="alert">{error}</p>}
      {list.length === 0 && !proposals.isLoading ? (
        <p className="muted">{t('sup.noProposals')}</p>
      ) : (
        <div className="merge-table">
          <DataTable data={list} columns={columns} maxHeight={420} testId="merge-table" exportAs={{ name: t('export.file.merges') }} />
        </div>
      )}
    </section>
  );
}
