import { useCallback, useMemo, useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { hasSpendLines, loadCategoryOverview } from '../../core/analysis/views/index.js';
import { formatKr, formatKrCompact, formatNumber, formatPercent } from '../../core/format/format.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { Chart, type ChartOption } from '../components/Chart.js';
import { Kpi } from '../components/Kpi.js';
import { CategoryDrill } from './categories/CategoryDrill.js';
import { CategoryTable, type CategorySelection } from './categories/CategoryTable.js';
import { treemapOption } from './categories/charts.js';
import { NoDataState } from './EmptyState.js';

/** Kategorier: the category tree with fragmentation figures, a treemap, and a drill-down. */
export function CategoriesScreen() {
  const { view, tree } = useApp();
  const { t, lang } = useT();
  const where = filtersWhere(view.filters, tree);
  const hasData = useQuery('has-data', (db, signal) => hasSpendLines(db, signal));
  const overview = useQuery(`cat-overview|${where}`, (db) => loadCategoryOverview(db, { where, tree }));
  const [selected, setSelected] = useState<CategorySelection>(null);
  const select = useCallback((s: CategorySelection) => setSelected(s), []);

  const o = overview.data;
  const unclassifiedLabel = t('cat.kpiUnclassified');
  const treemap = useMemo<ChartOption>(() => treemapOption(o?.rows ?? [], lang, unclassifiedLabel), [o, lang, unclassifiedLabel]);
  if (hasData.error) throw hasData.error;
  if (overview.error) throw overview.error;

  const selectedRow =
    selected === null ? undefined : o?.rows.flatMap((r) => [r, ...r.children]).find((r) => r.id === selected.id);
  const classified = o?.rows.filter((r) => r.id !== null && r.spend !== 0).length ?? 0;
  return (
    <section className="screen categories-screen" data-testid="screen-categories">
      <h1>{t('cat.title')}</h1>
      {hasData.data === false ? (
        <NoDataState />
      ) : (
        <>
          <p className="lead">{t('cat.intro')}</p>
          <div className="kpi-row" aria-busy={overview.isLoading}>
            <Kpi testId="cat-kpi-spend" label={t('cat.kpiSpend')} value={o?.totals.spend ?? 0} display={o ? formatKrCompact(o.totals.spend, lang) : '…'} hint={o ? formatKr(o.totals.spend, lang) : undefined} />
            <Kpi
              testId="cat-kpi-classified"
              label={t('cat.kpiClassified')}
              value={o && o.totals.spend ? o.totals.classifiedSpend / o.totals.spend : 0}
              display={o && o.totals.spend ? formatPercent(o.totals.classifiedSpend / o.totals.spend, lang) : '…'}
              hint={o ? formatKrCompact(o.totals.classifiedSpend, lang) : undefined}
            />
            <Kpi testId="cat-kpi-unclassified" label={t('cat.kpiUnclassified')} value={o?.totals.unclassifiedSpend ?? 0} display={o ? formatKrCompact(o.totals.unclassifiedSpend, lang) : '…'} />
            <Kpi testId="cat-kpi-categories" label={t('cat.kpiCategories')} value={classified} display={o ? formatNumber(classified, lang) : '…'} />
          </div>
          {o && o.totals.lines === 0 ? (
            <p className="notice" data-testid="cat-no-match">{t('cat.noMatch')}</p>
          ) : (
            <>
              <div className="panel">
                <h2>{t('cat.chart')}</h2>
                <Chart option={treemap} label={t('cat.chart')} height={340} testId="category-treemap" />
              </div>
              <div className="panel" aria-busy={overview.isLoading}>
                <h2>{t('cat.tree')}</h2>
                <p className="muted">
                  {t('cat.treeHint')} {o && !o.hasContracts ? t('cat.noContracts') : ''}
                </p>
                <CategoryTable rows={o?.rows ?? []} hasContracts={o?.hasContracts ?? false} selected={selected} onSelect={select} />
              </div>
              {selected !== null && (
                <CategoryDrill
                  key={selected.id ?? '(none)'}
                  where={where}
                  categoryId={selected.id}
                  name={selectedRow ? selectedRow.name[lang] : (selected.id ?? unclassifiedLabel)}
                  onClose={() => setSelected(null)}
                />
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
