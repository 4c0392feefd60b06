import { useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { findOpportunities, OPPORTUNITY_KINDS, type OpportunityKind } from '../../core/analysis/opportunities/index.js';
import { formatKrCompact, formatNumber } from '../../core/format/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { NoDataState } from './EmptyState.js';
import { OpportunityCard } from './opportunities/OpportunityCard.js';

export function OpportunitiesScreen() {
  const { view, tree } = useApp();
  const { t, lang } = useT();
  const [kind, setKind] = useState<OpportunityKind | ''>('');
  const where = filtersWhere(view.filters, tree);
  const result = useQuery(`opps|${where}`, (db) => findOpportunities(db, { where, tree }));
  if (result.error) throw result.error;
  const all = result.data?.opportunities ?? [];
  const shown = kind ? all.filter((o) => o.kind === kind) : all;
  const totals = result.data?.totals;
  return (
    <section className="screen" data-testid="screen-opportunities">
      <h1>{t('opp.title')}</h1>
      <p className="lead">{t('opp.intro')}</p>
      {result.data && !result.data.window ? (
        <NoDataState />
      ) : (
        <>
          {totals && (
            <p className="opportunity-totals" data-testid="savings-total" data-value={totals.savingsBase}>
              {t('opp.totalSavings')}:{' '}
              <strong>{t('opp.savingsRange', { low: formatKrCompact(totals.savingsLow, lang), high: formatKrCompact(totals.savingsHigh, lang), base: formatKrCompact(totals.savingsBase, lang) })}</strong>
              {' · '}{t('opp.count', { n: formatNumber(all.length, lang) })}
            </p>
          )}
          <label className="inline-filter">
            <select value={kind} data-testid="opportunity-kind" onChange={(e) => setKind(e.target.value as OpportunityKind | '')}>
              <option value="">{t('opp.allKinds')}</option>
              {OPPORTUNITY_KINDS.map((k) => (
                <option key={k} value={k}>{t(`opp.kind.${k}` as MessageKey)}</option>
              ))}
            </select>
          </label>
          {result.isLoading && !result.data ? <p className="muted" aria-busy="true">…</p> : null}
          {shown.length === 0 && result.data ? <p className="muted">{t('opp.none')}</p> : null}
          <ol className="opportunity-list" data-testid="opportunity-list">
            {shown.map((o) => (
              <OpportunityCard key={o.id} opportunity={o} detailed />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
