import { useCallback, useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { hasSpendLines, loadSupplierOverview, type SupplierSort } from '../../core/analysis/views/index.js';
import { formatNumber } from '../../core/format/format.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { NoDataState } from './EmptyState.js';
import { MergeProposals } from './suppliers/MergeProposals.js';
import { SupplierDetailPanel } from './suppliers/SupplierDetailPanel.js';
import { SupplierTable } from './suppliers/SupplierTable.js';
import { SearchInput } from '../components/SearchInput.js';

const LIMIT = 500;
/** An export holds every match, up to what an Excel sheet holds. */
const EXPORT_LIMIT = 1_048_575;

/** Leverandører: normalised suppliers under the global filters, one supplier's details, merge proposals. */
export function SuppliersScreen() {
  const { view, tree, db } = useApp();
  const { t, lang } = useT();
  const where = filtersWhere(view.filters, tree);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim());
  const [sort, setSort] = useState<{ id: SupplierSort; desc: boolean }>({ id: 'spend', desc: true });
  const [selected, setSelected] = useState<string | null>(null);
  const onSort = useCallback((id: SupplierSort, desc: boolean) => setSort({ id, desc }), []);
  const hasData = useQuery('has-data', (db, signal) => hasSpendLines(db, signal));
  const list = useQuery(`sup-list|${where}|${search}|${sort.id}|${sort.desc}`, (db, signal) =>
    loadSupplierOverview(db, { where, search, sort: sort.id, desc: sort.desc, limit: LIMIT, signal, tree }),
  );
  if (hasData.error) throw hasData.error;
  if (list.error) throw list.error;

  const l = list.data;
  return (
    <section className="screen suppliers-screen" data-testid="screen-suppliers">
      <h1>{t('sup.title')}</h1>
      {hasData.data === false ? (
        <NoDataState />
      ) : (
        <>
          <p className="lead">{t('sup.intro')}</p>
          <div className="panel" aria-busy={list.isLoading}>
            <div className="panel-head">
              <h2>{t('sup.list')}</h2>
              <SearchInput label={t('sup.search')} value={text} onChange={setText} testId="supplier-search" />
              <span className="muted" data-testid="supplier-count" data-value={l?.total ?? 0}>
                {l ? t('sup.count', { shown: formatNumber(l.rows.length, lang), total: formatNumber(l.total, lang) }) : t('sup.loading')}
              </span>
            </div>
            {l && l.total === 0 ? (
              <p className="muted">{t('sup.noMatch')}</p>
            ) : (
              <SupplierTable
                rows={l?.rows ?? []} sort={sort.id} desc={sort.desc} onSort={onSort} selected={selected} onSelect={setSelected}
                exportRows={async () => (db ? (await loadSupplierOverview(db, { where, search, sort: sort.id, desc: sort.desc, limit: EXPORT_LIMIT, tree })).rows : [])}
              />
            )}
          </div>
          {selected !== null && <SupplierDetailPanel key={selected} supplierKey={selected} where={where} onClose={() => setSelected(null)} />}
          <MergeProposals />
        </>
      )}
    </section>
  );
}
