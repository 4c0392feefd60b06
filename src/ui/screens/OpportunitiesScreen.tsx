import { useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { findOpportunities, OPPORTUNITY_KINDS, type OpportunityKind } from '../../core/analysis/opportunities/index.js';
import { formatKrCompact, formatNumber } from '../../core/format/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import { hasSpendLines } from '../../core/analysis/views/index.js';
import { Tabs } from '../components/Tabs.js';
import { NoDataState } from './EmptyState.js';
import { ActionPlan } from './opportunities/ActionPlan.js';
import { AgreementsPanel } from './opportunities/AgreementsPanel.js';
import { AssumptionsPanel } from './opportunities/AssumptionsPanel.js';
import { KraljicMatrix } from './opportunities/KraljicMatrix.js';
import { OpportunityCard } from './opportunities/OpportunityCard.js';
import { ThresholdTable } from './opportunities/ThresholdTable.js';
import { ExportButton } from '../components/ExportButton.js';
import { opportunityColumns } from './opportunities/opportunity-export.js';

const TABS = ['list', 'plan', 'kraljic', 'agreements', 'assumptions'] as const;
type Tab = (typeof TABS)[number];

export function OpportunitiesScreen() {
  const { view, tree } = useApp();
  const { t, lang } = useT();
  const [kind, setKind] = useState<OpportunityKind | ''>('');
  const [tab, setTab] = useState<Tab>('list');
  const where = filtersWhere(view.filters, tree);
  const result = useQuery(`opps|${where}`, (db) => findOpportunities(db, { where, tree }));
  const hasData = useQuery('has-data', (db, signal) => hasSpendLines(db, signal));
  if (result.error) throw result.error;
  if (hasData.error) throw hasData.error;
  // Data, but no dated line in the filter: nothing can be annualised (§ 35), the settings still can be edited.
  const noWindow = !!result.data && !result.data.window;
  const all = result.data?.opportunities ?? [];
  const shown = kind ? all.filter((o) => o.kind === kind) : all;
  const totals = result.data?.totals;
  return (
    <section className="screen" data-testid="screen-opportunities">
      <h1>{t('opp.title')}</h1>
      <p className="lead">{t('opp.intro')}</p>
      {hasData.data === false ? (
        <NoDataState />
      ) : (
        <>
          {totals && !noWindow && (
            <p className="opportunity-totals" data-testid="savings-total" data-value={totals.savingsBase} aria-busy={result.isLoading || undefined}>
              {t('opp.totalSavings')}:{' '}
              <strong>{t('opp.savingsRange', { low: formatKrCompact(totals.savingsLow, lang), high: formatKrCompact(totals.savingsHigh, lang), base: formatKrCompact(totals.savingsBase, lang) })}</strong>
              {' · '}{t('opp.count', { n: formatNumber(all.length, lang) })}
            </p>
          )}
          <Tabs ids={TABS} active={tab} prefix="opp" label={t('opp.tabs')} title={(id) => t(`opp.tab.${id}` as MessageKey)} onSelect={setTab} />
          <div role="tabpanel" id="opp-tabpanel" aria-labelledby={`opp-tab-${tab}`}>
            {noWindow && tab !== 'assumptions' && <p className="notice" role="status" data-testid="opp-no-window">{t('opp.noWindow')}</p>}
            {tab === 'list' && !noWindow && (
              <>
                <label className="inline-filter">
                  <select value={kind} data-testid="opportunity-kind" onChange={(e) => setKind(e.target.value as OpportunityKind | '')}>
                    <option value="">{t('opp.allKinds')}</option>
                    {OPPORTUNITY_KINDS.map((k) => (
                      <option key={k} value={k}>{t(`opp.kind.${k}` as MessageKey)}</option>
                    ))}
                  </select>
                </label>{' '}
                <ExportButton spec={{ name: t('export.file.opportunities'), columns: opportunityColumns(t, lang), rows: shown }} testId="opportunity-list-export" />
                {result.isLoading && !result.data ? <p className="muted" aria-busy="true">…</p> : null}
                {shown.length === 0 && result.data ? <p className="muted">{t('opp.none')}</p> : null}
                <ol className="opportunity-list" data-testid="opportunity-list">
                  {shown.map((o) => (
                    <OpportunityCard key={o.id} opportunity={o} detailed />
                  ))}
                </ol>
              </>
            )}
            {tab === 'plan' && !noWindow && (result.data ? <ActionPlan result={result.data} /> : <p className="muted" aria-busy="true">…</p>)}
            {tab === 'agreements' && <AgreementsPanel />}
            {tab === 'kraljic' && !noWindow && <KraljicMatrix result={result.data} onOpenList={(k) => { setKind(k); setTab('list'); }} />}
            {tab === 'assumptions' && (
              <div className="assumptions-tab">
                <AssumptionsPanel />
                <ThresholdTable />
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
