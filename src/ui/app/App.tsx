import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadUnits } from '../../core/analysis/kpis.js';
import type { DbConnector } from '../../core/db/connector.js';
import type { Screen } from '../../core/state/url-state.js';
import { defaultCategoryTree } from '../../core/taxonomy/category-tree.js';
import { openBrowserDb, type BrowserDbStatus } from '../db/browser-connector.js';
import { CategoriesScreen } from '../screens/CategoriesScreen.js';
import { ClassificationScreen } from '../screens/ClassificationScreen.js';
import { ComingScreen } from '../screens/ComingScreen.js';
import { SuppliersScreen } from '../screens/SuppliersScreen.js';
import { ImportScreen } from '../screens/ImportScreen.js';
import { OpportunitiesScreen } from '../screens/OpportunitiesScreen.js';
import { OverviewScreen } from '../screens/OverviewScreen.js';
import { AppProvider, type AppContextValue } from './app-context.js';
import { DbStatus } from './DbStatus.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { FilterBar } from './FilterBar.js';
import { LangSwitch } from './LangSwitch.js';
import { Sidebar } from './Sidebar.js';
import { useViewState } from './use-view-state.js';

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'import':
      return <ImportScreen />;
    case 'overview':
      return <OverviewScreen />;
    case 'opportunities':
      return <OpportunitiesScreen />;
    case 'categories':
      return <CategoriesScreen />;
    case 'suppliers':
      return <SuppliersScreen />;
    case 'classification':
      return <ClassificationScreen />;
    default:
      return <ComingScreen screen={screen} />;
  }
}

export function App() {
  const [view, setView] = useViewState();
  const [db, setDb] = useState<DbConnector | null>(null);
  const [status, setStatus] = useState<BrowserDbStatus>({ phase: 'loading' });
  const [dbError, setDbError] = useState<Error | null>(null);
  const [dataVersion, setDataVersion] = useState(0);
  const [units, setUnits] = useState<string[]>([]);

  useEffect(() => {
    let closed = false;
    let opened: DbConnector | null = null;
    openBrowserDb(setStatus).then(
      (connector) => {
        opened = connector;
        if (closed) void connector.close();
        else setDb(connector);
      },
      (error: unknown) => setDbError(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      closed = true;
      void opened?.close();
    };
  }, []);

  useEffect(() => {
    if (db) loadUnits(db).then(setUnits, () => setUnits([]));
  }, [db, dataVersion]);

  useEffect(() => {
    document.documentElement.lang = view.lang;
  }, [view.lang]);

  const notifyDataChanged = useCallback(() => setDataVersion((v) => v + 1), []);
  const value = useMemo<AppContextValue>(
    () => ({ db, view, setView, dataVersion, notifyDataChanged }),
    [db, view, setView, dataVersion, notifyDataChanged],
  );
  const categories = useMemo(
    () =>
      defaultCategoryTree().categories.map((c) => ({
        id: c.id,
        name: `${c.level === 2 ? '– ' : ''}${c.name[view.lang]}`,
      })),
    [view.lang],
  );

  return (
    <AppProvider value={value}>
      <div className="shell">
        <Sidebar />
        <div className="main">
          <header className="topbar">
            <FilterBar units={units} categories={categories} />
            <div className="topbar-right">
              <DbStatus status={status} error={dbError} />
              <LangSwitch />
            </div>
          </header>
          <main>
            <ErrorBoundary lang={view.lang} resetKey={view.screen}>
              {db ? <ScreenView screen={view.screen} /> : <div className="loading-screen" aria-busy="true" />}
            </ErrorBoundary>
          </main>
        </div>
      </div>
    </AppProvider>
  );
}
