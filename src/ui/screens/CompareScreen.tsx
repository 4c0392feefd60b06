import { useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { hasSpendLines } from '../../core/analysis/views/index.js';
import { loadComparison, loadFileLabels, type CompareBy } from '../../core/compare/index.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { ChangesPanel } from './compare/ChangesPanel.js';
import { CompareTable } from './compare/CompareTable.js';
import { DatasetLabels } from './compare/DatasetLabels.js';
import { SharedPanel } from './compare/SharedPanel.js';
import './compare/compare.css';
import { NoDataState } from './EmptyState.js';

/**
 * Sammenlign: data sets side by side (consultants' workshops). Each loaded file is labelled with a
 * municipality and period; one municipality's export can also be split by year.
 */
export function CompareScreen() {
  const { view, tree } = useApp();
  const { t } = useT();
  const where = filtersWhere(view.filters, tree);
  const [chosen, setChosen] = useState<CompareBy | null>(null);
  const hasData = useQuery('has-data', (db, signal) => hasSpendLines(db, signal));
  const labels = useQuery('file-labels', (db) => loadFileLabels(db));
  // By default data sets side by side; with only one, its years.
  const sets = new Set((labels.data ?? []).map((l) => `${l.municipality}|${l.period}`)).size;
  const by: CompareBy = chosen ?? (sets >= 2 ? 'label' : 'year');
  const comparison = useQuery(`compare|${by}|${where}`, (db) => loadComparison(db, { by, where, tree }));
  if (hasData.error) throw hasData.error;
  if (labels.error) throw labels.error;
  if (comparison.error) throw comparison.error;
  const c = comparison.data;
  const single = c && new Set(c.datasets.map((d) => d.municipality)).size === 1;
  const names = c ? c.datasets.map((d) => (c.by === 'year' && single ? d.period : `${d.municipality} ${d.period}`)) : [];
  return (
    <section className="screen compare-screen" data-testid="screen-compare">
      <h1>{t('cmp.title')}</h1>
      {hasData.data === false ? (
        <NoDataState />
      ) : (
        <>
          <p className="lead">{t('cmp.intro')}</p>
          {labels.data && <DatasetLabels key={labels.data.map((l) => l.fileId).join(',')} labels={labels.data} />}
          <div className="compare-mode" role="radiogroup" aria-label={t('cmp.by')}>
            <span>{t('cmp.by')}:</span>
            {(['label', 'year'] as const).map((b) => (
              <label key={b}>
                <input type="radio" name="compare-by" value={b} checked={by === b} onChange={() => setChosen(b)} data-testid={`compare-by-${b}`} />
                {t(`cmp.by.${b}`)}
              </label>
            ))}
          </div>
          {!c ? (
            <p className="muted" aria-busy="true">…</p>
          ) : (
            <div aria-busy={comparison.isLoading || undefined} data-testid="compare-result" data-by={c.by}>
              {c.datasets.length < 2 && <p className="notice" data-testid="compare-one">{t('cmp.one')}</p>}
              <CompareTable c={c} />
              {c.datasets.length >= 2 && <SharedPanel c={c} names={names} />}
              {c.changes.map((ch) => (
                <ChangesPanel key={`${ch.municipality}|${ch.from.key}|${ch.to.key}`} change={ch} />
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
