import { useCallback, useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { hasSpendLines } from '../../core/analysis/views/index.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import type { MessageKey } from '../i18n/messages.js';
import { ActionStatus, ClsActionsProvider, useClsActions } from './classification/action.js';
import { CategoryTreeEditor } from './classification/CategoryTreeEditor.js';
import { CoveragePanel } from './classification/CoveragePanel.js';
import { ExplainPanel } from './classification/ExplainPanel.js';
import { LearnedPanel } from './classification/LearnedPanel.js';
import { ReviewQueue } from './classification/ReviewQueue.js';
import { RulesPanel } from './classification/RulesPanel.js';
import { SupplierProposals } from './classification/SupplierProposals.js';
import { Tabs } from '../components/Tabs.js';
import { NoDataState } from './EmptyState.js';

const TABS = ['queue', 'learned', 'rules', 'proposals', 'why', 'tree'] as const;
type Tab = (typeof TABS)[number];

/** The status line, the tab bar and the open tab; a new tab starts without the last tab's message. */
function ClsTabs({ where, whyLine, setWhyLine, tab, setTab }: {
  where: string; whyLine: number | null; setWhyLine: (id: number) => void; tab: Tab; setTab: (tab: Tab) => void;
}) {
  const { t } = useT();
  const { clear } = useClsActions();
  return (
    <>
      <ActionStatus />
      <Tabs
        ids={TABS}
        active={tab}
        prefix="cls"
        label={t('cls.tabs')}
        title={(id) => t(`cls.tab.${id}` as MessageKey)}
        onSelect={(id) => {
          if (id !== tab) clear();
          setTab(id);
        }}
      />
      <div role="tabpanel" id="cls-tabpanel" aria-labelledby={`cls-tab-${tab}`}>
        {tab === 'queue' && <ReviewQueue where={where} />}
        {tab === 'learned' && <LearnedPanel where={where} />}
        {tab === 'rules' && <RulesPanel />}
        {tab === 'proposals' && <SupplierProposals />}
        {tab === 'why' && <ExplainPanel where={where} lineId={whyLine} onLine={setWhyLine} />}
        {tab === 'tree' && <CategoryTreeEditor />}
      </div>
    </>
  );
}

/**
 * Klassifikation: coverage, the review queue of unclassified spend with bulk assignment, learned
 * suggestions, rules with a live preview, rule sets, supplier rule proposals and "why this category?".
 * Coverage is of all loaded lines; the queue, suggestions and line search follow the global filters.
 */
export function ClassificationScreen() {
  const { view, tree } = useApp();
  const { t } = useT();
  const where = filtersWhere(view.filters, tree);
  const hasData = useQuery('has-data', (db, signal) => hasSpendLines(db, signal));
  const [tab, setTab] = useState<Tab>('queue');
  const [whyLine, setWhyLine] = useState<number | null>(null);
  const showWhy = useCallback((lineId: number) => {
    setWhyLine(lineId);
    setTab('why');
  }, []);
  if (hasData.error) throw hasData.error;

  return (
    <section className="screen classification-screen" data-testid="screen-classification">
      <h1>{t('cls.title')}</h1>
      {hasData.data === false ? (
        <NoDataState />
      ) : (
        <ClsActionsProvider onWhy={showWhy}>
          <p className="lead">{t('cls.intro')}</p>
          <CoveragePanel />
          <ClsTabs where={where} whyLine={whyLine} setWhyLine={setWhyLine} tab={tab} setTab={setTab} />
        </ClsActionsProvider>
      )}
    </section>
  );
}
