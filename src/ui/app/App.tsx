import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { loadUnits } from '../../core/analysis/kpis.js';
import type { DbConnector } from '../../core/db/connector.js';
import type { Screen } from '../../core/state/url-state.js';
import { defaultCategoryTree, type CategoryTree } from '../../core/taxonomy/category-tree.js';
import { loadWorkspaceTree } from '../../core/workspace/tree-store.js';
import { openBrowserDb, type BrowserDbStatus } from '../db/browser-connector.js';
import { CategoriesScreen } from '../screens/CategoriesScreen.js';
import { ClassificationScreen } from '../screens/ClassificationScreen.js';
import { ComingScreen } from '../screens/ComingScreen.js';
import { SuppliersScreen } from '../screens/SuppliersScreen.js';
import { ImportScreen } from '../screens/ImportScreen.js';
import { OpportunitiesScreen } from '../screens/OpportunitiesScreen.js';
import { OverviewScreen } from '../screens/OverviewScreen.js';
import { UpdatePrompt } from '../workspace/UpdatePrompt.js';
import { useWorkspace } from '../workspace/use-workspace.js';
import { WorkspaceMenu, WorkspaceNoteBar } from '../workspace/WorkspaceMenu.js';
import { trackWrites, type TrackedDb } from '../workspace/write-tracker.js';
import { AppProvider, type AppContextValue } from './app-context.js';
import { BuildingPanel } from './BuildingPanel.js';
import { DbStatus } from './DbStatus.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { FilterBar } from './FilterBar.js';
import { LangSwitch } from './LangSwitch.js';
import { Sidebar } from './Sidebar.js';
import { useIdleWarmUp } from './use-idle-warm-up.js';
import { useViewState } from './use-view-state.js';
import { useWorkspaceBuild } from './workspace-build.js';

const FALLBACK_TREE = defaultCategoryTree();

// Loaded when first opened: the report's print layout and SVG charts, and the comparison, stay out of the start-up bundle.
const ReportScreen = lazy(() => import('../screens/ReportScreen.js').then((m) => ({ default: m.ReportScreen })));
const CompareScreen = lazy(() => import('../screens/CompareScreen.js').then((m) => ({ default: m.CompareScreen })));
const LOADING = <div className="loading-screen" aria-busy="true" />;

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
    case 'report':
      return <Suspense fallback={LOADING}><ReportScreen /></Suspense>;
    case 'compare':
      return <Suspense fallback={LOADING}><CompareScreen /></Suspense>;
    default:
      return <ComingScreen screen={screen} />;
  }
}

const workspaceBusyOpening = (busy: string | null) => busy === 'opening' || busy === 'clearing';

export function App() {
  const [view, setView] = useViewState();
  // Every write goes through the tracked connector, so the autosave sees each change.
  const [tracked, setTracked] = useState<TrackedDb | null>(null);
  const db: DbConnector | null = tracked?.db ?? null;
  const [status, setStatus] = useState<BrowserDbStatus>({ phase: 'loading' });
  const [dbError, setDbError] = useState<Error | null>(null);
  const [dataVersion, setDataVersion] = useState(0);
  const [units, setUnits] = useState<string[]>([]);
  // The workspace's tree; null until read from the database (screens wait for it).
  const [treeState, setTreeState] = useState<{ tree: CategoryTree; version: number } | null>(null);

  useEffect(() => {
    let closed = false;
    let opened: DbConnector | null = null;
    openBrowserDb(setStatus).then(
      (connector) => {
        opened = connector;
        if (closed) void connector.close();
        else setTracked(trackWrites(connector));
      },
      (error: unknown) => setDbError(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      closed = true;
      void opened?.close();
    };
  }, []);

  const notifyDataChanged = useCallback(() => setDataVersion((v) => v + 1), []);
  const ws = useWorkspace(tracked, view, setView, notifyDataChanged, dataVersion);
  const workspaceBusy = !ws.ready || ws.busy === 'opening' || ws.busy === 'clearing';
  // Nothing reads the database before the autosave is restored (it replaces the tables).
  const readyDb = ws.ready ? db : null;
  // The import screen is usable while the engine starts (a file can be chosen and planned; loading
  // waits for the database), so a start does not wait ~2 s for DuckDB-WASM before anything can be done.
  // Only when the address names the import screen (otherwise a restored autosave may move to its saved
  // screen), and on until the tree is read too, so the screen is not remounted and a planned file kept.
  const startingOnImport = view.screen === 'import' && (!ws.ready || !treeState) && !workspaceBusyOpening(ws.busy) && !dbError
    && window.location.hash.startsWith('#/import');

  useEffect(() => {
    if (readyDb) loadUnits(readyDb).then(setUnits, () => setUnits([]));
  }, [readyDb, dataVersion]);

  // Re-read after every data change (cheap); a new version only when the content differs.
  useEffect(() => {
    const db = readyDb;
    if (!db) return;
    let stale = false;
    const keep = (tree: CategoryTree) =>
      !stale &&
      setTreeState((prev) => (prev && JSON.stringify(prev.tree) === JSON.stringify(tree) ? prev : { tree, version: (prev?.version ?? 0) + 1 }));
    loadWorkspaceTree(db).then(keep, (error: unknown) => {
      // A saved tree that no longer validates: work with the default tree rather than not at all.
      console.error('Kategoritræet kunne ikke læses', error);
      keep(defaultCategoryTree());
    });
    return () => {
      stale = true;
    };
  }, [readyDb, dataVersion]);

  useEffect(() => {
    document.documentElement.lang = view.lang;
  }, [view.lang]);

  const { building, runBuild } = useWorkspaceBuild(notifyDataChanged);
  const treeSaved = useCallback(
    (tree: CategoryTree) => {
      setTreeState((prev) => ({ tree, version: (prev?.version ?? 0) + 1 }));
      notifyDataChanged();
    },
    [notifyDataChanged],
  );
  const tree = treeState?.tree ?? FALLBACK_TREE;
  const treeVersion = treeState?.version ?? 0;
  const whenQuiet = useCallback((ms: number) => tracked?.quiet(ms) ?? Promise.resolve(), [tracked]);
  useIdleWarmUp(building ? null : readyDb, dataVersion, whenQuiet);
  const value = useMemo<AppContextValue>(
    () => ({ db: readyDb, view, setView, dataVersion, notifyDataChanged, tree, treeVersion, treeSaved, building, runBuild, whenQuiet }),
    [readyDb, view, setView, dataVersion, notifyDataChanged, tree, treeVersion, treeSaved, building, runBuild, whenQuiet],
  );
  // In tree order: each level-1 category followed by its children (a moved child follows its new parent).
  const categories = useMemo(
    () =>
      tree.categories
        .filter((c) => c.level === 1)
        .flatMap((top) => [top, ...tree.categories.filter((c) => c.parent === top.id)])
        .map((c) => ({
          id: c.id,
          name: `${c.level === 2 ? '– ' : ''}${c.name[view.lang]}`,
        })),
    [tree, view.lang],
  );

  return (
    <AppProvider value={value}>
      <div className="shell">
        <Sidebar />
        <div className="main">
          <header className="topbar">
            <FilterBar units={units} categories={categories} />
            <div className="topbar-right">
              <WorkspaceMenu ws={ws} />
              <DbStatus status={status} error={dbError} />
              <LangSwitch />
            </div>
          </header>
          <WorkspaceNoteBar ws={ws} />
          <UpdatePrompt beforeUpdate={ws.flush} />
          <main>
            <ErrorBoundary lang={view.lang} resetKey={view.screen}>
              {building && view.screen !== 'import' ? (
                <BuildingPanel progress={building} />
              ) : (db && treeState && !workspaceBusy) || startingOnImport ? (
                <ScreenView screen={view.screen} />
              ) : (
                <div className="loading-screen" aria-busy="true" />
              )}
            </ErrorBoundary>
          </main>
        </div>
      </div>
    </AppProvider>
  );
}
