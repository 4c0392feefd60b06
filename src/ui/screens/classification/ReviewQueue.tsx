import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { categoryLabel, reviewQueue, type QueueGrouping, type QueueRow } from '../../../core/review/index.js';
import { formatKr, formatNumber, formatPercent } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import { AssignBar } from './AssignBar.js';
import { useCategoryTree } from './CategoryPicker.js';
import { useDebounced } from '../../hooks/use-debounced.js';
import { SearchInput } from '../../components/SearchInput.js';
import { Pager, pageRange } from '../../components/Pager.js';

const PAGE = 50;

/** The review queue: unclassified spend by supplier or by description, largest first, with bulk assignment. */
export function ReviewQueue({ where }: { where: string }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const [by, setBy] = useState<QueueGrouping>('supplier');
  const [offset, setOffset] = useState(0);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim());
  const [selected, setSelected] = useState<Map<string, QueueRow>>(new Map());
  const scope = JSON.stringify({ by, where, search });
  const [shown, setShown] = useState(scope);
  if (shown !== scope) {
    // A new grouping, filter or search starts on the first page with nothing selected.
    setShown(scope);
    setOffset(0);
    setSelected(new Map());
  }
  const page = useQuery(`cls-queue|${scope}|${offset}`, (db, signal) => reviewQueue(db, { by, where, search, offset, limit: PAGE, signal }));
  const rows = page.data?.rows ?? [];

  const toggle = (row: QueueRow, on: boolean) => {
    if (row.key === null) return;
    const next = new Map(selected);
    if (on) next.set(row.key, row);
    else next.delete(row.key);
    setSelected(next);
  };
  const selectable = rows.filter((r) => r.key !== null);
  const allOnPage = selectable.length > 0 && selectable.every((r) => selected.has(r.key!));

  const columns = useMemo<ColumnDef<QueueRow, unknown>[]>(
    () => [
      {
        id: 'pick',
        header: () => (
          <input
            type="checkbox"
            aria-label={t('cls.selectPage')}
            checked={allOnPage}
            data-testid="queue-select-page"
            onChange={(e) => {
              const next = new Map(selected);
              for (const r of selectable) {
                if (e.target.checked) next.set(r.key!, r);
                else next.delete(r.key!);
              }
              setSelected(next);
            }}
          />
        ),
        cell: ({ row: { original: r } }) => (
          <input
            type="checkbox"
            aria-label={t('cls.selectRow', { name: r.label || r.key || '' })}
            disabled={r.key === null}
            checked={r.key !== null && selected.has(r.key)}
            data-testid="queue-select"
            onChange={(e) => toggle(r, e.target.checked)}
          />
        ),
      },
      {
        id: 'label',
        header: by === 'supplier' ? t('cls.colSupplier') : t('cls.colDescription'),
        accessorFn: (r) => r.label || r.key || '',
        cell: ({ row: { original: r } }) =>
          r.key === null ? (
            <span className="muted">{by === 'supplier' ? t('cls.noSupplier') : t('cls.noDescription')}</span>
          ) : (
            <span className="cls-label" title={r.key}>
              {r.label || r.key} {by === 'supplier' && <span className="muted key">{r.key}</span>}
            </span>
          ),
      },
      { id: 'lines', header: t('cls.colLines'), cell: ({ row }) => formatNumber(row.original.lines, lang), meta: { numeric: true, exportValue: (r) => r.lines, exportFormat: 'int' } },
      { id: 'spread', header: by === 'supplier' ? t('cls.colDescriptions') : t('cls.colSuppliers'), cell: ({ row }) => formatNumber(row.original.spread, lang), meta: { numeric: true, exportValue: (r) => r.spread, exportFormat: 'int' } },
      { id: 'spend', header: t('cls.colSpend'), cell: ({ row }) => formatKr(row.original.spend, lang, 0), meta: { numeric: true, exportValue: (r) => r.spend, exportFormat: 'amount' } },
      {
        id: 'suggestion',
        header: t('cls.colSuggestion'),
        accessorFn: (r) => (r.suggestion ? categoryLabel(tree, r.suggestion.categoryId, lang) : ''),
        cell: ({ row: { original: r } }) =>
          r.suggestion ? (
            <span className="cls-suggestion" title={t('cls.suggestionTitle', { share: formatPercent(r.suggestion.share, lang, 0), conf: formatPercent(r.suggestion.confidence, lang, 0) })}>
              {categoryLabel(tree, r.suggestion.categoryId, lang)} <span className="muted">({formatPercent(r.suggestion.confidence, lang, 0)})</span>
            </span>
          ) : (
            <span className="muted">–</span>
          ),
      },
    ],
    // The closures read selection and page rows; the list names what changes them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, by, selected, rows, tree],
  );

  const data = page.data;
  const total = data?.groups ?? 0;
  return (
    <section className="panel cls-queue" data-testid="cls-queue" aria-busy={page.isLoading}>
      <div className="panel-head">
        <h2>{t('cls.queueTitle')}</h2>
        <div className="cls-seg" role="group" aria-label={t('cls.groupBy')}>
          {(['supplier', 'description'] as const).map((g) => (
            <button key={g} type="button" className={`button small${by === g ? ' primary' : ''}`} aria-pressed={by === g} data-testid={`queue-by-${g}`} onClick={() => setBy(g)}>
              {g === 'supplier' ? t('cls.bySupplier') : t('cls.byDescription')}
            </button>
          ))}
        </div>
        <SearchInput label={t('cls.searchQueue')} value={text} onChange={setText} testId="queue-search" />
      </div>
      <p className="muted">{t('cls.queueIntro')}</p>
      <AssignBar by={by} selected={[...selected.values()]} onDone={() => setSelected(new Map())} />
      <DataTable data={rows} columns={columns} maxHeight={460} testId="queue-table" exportAs={{ name: t('export.file.queue') }} />
      <Pager
        testId="queue"
        value={data?.spend ?? 0}
        status={
          data
            ? total === 0
              ? t('cls.queueEmpty')
              : t('cls.queuePager', { ...pageRange(offset, PAGE, total, lang), lines: formatNumber(data.lines, lang), spend: formatKr(data.spend, lang, 0) })
            : t('cls.loading')
        }
        offset={offset}
        page={PAGE}
        total={total}
        onOffset={setOffset}
        prev={t('cls.prev')}
        next={t('cls.next')}
      />
    </section>
  );
}
