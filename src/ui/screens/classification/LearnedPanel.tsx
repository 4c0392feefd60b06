import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { DEFAULT_ACCEPT_LEARNED, MIN_RULE_SHARE_TO_ACCEPT, modelBasis } from '../../../core/classify/index.js';
import { acceptSuggestion, acceptSuggestionsAbove, categoryLabel, learnedSuggestions, type Suggestion } from '../../../core/review/index.js';
import { formatKr, formatNumber, formatPercent } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import { useClsActions } from './action.js';
import { useCategoryTree } from './CategoryPicker.js';
import { useDebounced } from '../../hooks/use-debounced.js';

const PAGE = 50;

/** Learned suggestions: accept all at or above a threshold the person picks, or one by one. */
export function LearnedPanel({ where }: { where: string }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const actions = useClsActions();
  const [threshold, setThreshold] = useState(DEFAULT_ACCEPT_LEARNED);
  const [onlyAbove, setOnlyAbove] = useState(false);
  const [offset, setOffset] = useState(0);
  const settled = useDebounced(threshold, 200);
  const scope = JSON.stringify({ where, settled, onlyAbove });
  const [shown, setShown] = useState(scope);
  if (shown !== scope) {
    setShown(scope);
    setOffset(0);
  }
  const page = useQuery(`cls-learned|${scope}|${offset}`, (db, signal) =>
    learnedSuggestions(db, { where, threshold: settled, onlyAbove, offset, limit: PAGE, signal }),
  );
  const data = page.data;
  // A model trained on a sliver of the lines is confidently wrong about the rest (the command line
  // never accepts its suggestions unattended then): no bulk acceptance, one by one only.
  const basis = useQuery('cls-model-basis', (db, signal) => modelBasis(db, signal)).data;
  const weak = basis !== undefined && basis.lines > 0 && !basis.enough;
  const minShare = formatPercent(MIN_RULE_SHARE_TO_ACCEPT, lang, 0);

  const acceptAll = () =>
    void actions.run(t('cls.accepting'), async (db) => {
      const r = await acceptSuggestionsAbove(db, threshold, where);
      return t('cls.acceptedAll', { lines: formatNumber(r.lines, lang), refined: formatNumber(r.refined, lang) });
    });
  const acceptOne = (s: Suggestion) =>
    void actions.run(t('cls.accepting'), async (db) => ((await acceptSuggestion(db, s.lineId)) ? t('cls.acceptedOne', { id: s.lineId }) : null));

  const columns = useMemo<ColumnDef<Suggestion, unknown>[]>(
    () => [
      { id: 'description', header: t('cls.colDescription'), accessorFn: (s) => s.description ?? '', cell: ({ row: { original: s } }) => <span className="cls-label" title={s.description ?? ''}>{s.description ?? <span className="muted">{t('cls.noDescription')}</span>}</span> },
      { id: 'supplier', header: t('cls.colSupplier'), accessorFn: (s) => s.supplierName ?? s.supplierKey ?? '', cell: ({ row: { original: s } }) => <span className="cls-label" title={s.supplierKey ?? ''}>{s.supplierName ?? s.supplierKey ?? '–'}</span> },
      { id: 'amount', header: t('cls.colAmount'), cell: ({ row }) => formatKr(row.original.amount, lang, 0), meta: { numeric: true, exportValue: (s) => s.amount, exportFormat: 'amount' } },
      {
        id: 'category',
        header: t('cls.colSuggested'),
        accessorFn: (s) => categoryLabel(tree, s.categoryId, lang),
        cell: ({ row: { original: s } }) => (
          <span className="cls-label" title={s.kind === 'refine' ? `${t('cls.refineTitle')} ${categoryLabel(tree, s.categoryId, lang)}` : categoryLabel(tree, s.categoryId, lang)}>
            {s.kind === 'refine' && <span className="badge">{t('cls.refine')}</span>} {categoryLabel(tree, s.categoryId, lang)}
          </span>
        ),
      },
      {
        id: 'confidence',
        header: t('cls.colConfidence'),
        cell: ({ row: { original: s } }) => <span className={s.confidence >= threshold ? 'cls-conf above' : 'cls-conf'}>{formatPercent(s.confidence, lang, 0)}</span>,
        meta: { numeric: true, exportValue: (s) => s.confidence, exportFormat: 'percent' },
      },
      {
        id: 'actions',
        header: t('cls.colActions'),
        cell: ({ row: { original: s } }) => (
          <span className="row-actions">
            <button type="button" className="button small primary" disabled={!!actions.busy} data-testid="accept-one" onClick={() => acceptOne(s)}>{t('cls.accept')}</button>
            <button type="button" className="button small" onClick={() => actions.showWhy(s.lineId)} data-testid="learned-why">{t('cls.why')}</button>
          </span>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, threshold, actions.busy, tree],
  );

  const total = onlyAbove ? (data?.above.lines ?? 0) : (data?.total.lines ?? 0);
  return (
    <section className="panel cls-learned" data-testid="cls-learned" aria-busy={page.isLoading}>
      <div className="panel-head">
        <h2>{t('cls.learnedTitle')}</h2>
      </div>
      <p className="muted">{t('cls.learnedIntro')}</p>
      {weak && (
        <p className="warning" role="note" data-testid="learned-weak" data-value={basis.share}>
          {t('cls.learnedWeak', { decided: formatNumber(basis.decided, lang), lines: formatNumber(basis.lines, lang), share: formatPercent(basis.share, lang, 1), min: minShare })}
        </p>
      )}
      <div className="cls-threshold">
        <label>
          <span>{t('cls.threshold')}</span>
          <input type="range" min={0.3} max={0.99} step={0.01} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-label={t('cls.threshold')} />
          <input type="number" min={0.3} max={0.99} step={0.01} value={threshold} data-testid="learned-threshold" onChange={(e) => setThreshold(Math.min(0.99, Math.max(0.3, Number(e.target.value) || DEFAULT_ACCEPT_LEARNED)))} />
        </label>
        <label className="cls-check">
          <input type="checkbox" checked={onlyAbove} onChange={(e) => setOnlyAbove(e.target.checked)} data-testid="learned-only-above" /> {t('cls.onlyAbove')}
        </label>
        <button type="button" className="button primary" data-testid="accept-learned" data-value={data?.above.lines ?? 0} disabled={weak || !!actions.busy || !data?.above.lines || settled !== threshold} title={weak ? t('cls.acceptAllWeak', { min: minShare }) : undefined} onClick={acceptAll}>
          {t('cls.acceptAll', { t: formatPercent(threshold, lang, 0), lines: formatNumber(data?.above.lines ?? 0, lang), spend: formatKr(data?.above.spend ?? 0, lang, 0) })}
        </button>
      </div>
      <DataTable data={data?.rows ?? []} columns={columns} maxHeight={460} testId="learned-table" exportAs={{ name: t('export.file.learned') }} />
      <div className="pager">
        <span data-testid="learned-total" data-value={data?.total.lines ?? 0}>
          {data
            ? total === 0
              ? t('cls.learnedEmpty')
              : t('cls.learnedPager', { from: formatNumber(offset + 1, lang), to: formatNumber(Math.min(offset + PAGE, total), lang), total: formatNumber(total, lang), spend: formatKr(data.total.spend, lang, 0) })
            : t('cls.loading')}
        </span>
        <button type="button" className="button small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('cls.prev')}</button>
        <button type="button" className="button small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>{t('cls.next')}</button>
      </div>
    </section>
  );
}
