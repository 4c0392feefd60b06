import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { DbConnector } from '../../core/db/connector.js';
import type { Lang, ViewState } from '../../core/state/url-state.js';
import type { CategoryTree } from '../../core/taxonomy/category-tree.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import type { BuildProgress, RunBuild } from './workspace-build.js';

export interface AppContextValue {
  db: DbConnector | null;
  view: ViewState;
  setView: (next: ViewState) => void;
  /** Bumped whenever the loaded data changes, so screens re-query. */
  dataVersion: number;
  notifyDataChanged: () => void;
  /** The workspace's category tree (saved edits, else the default tree); pass it to every core call that takes one. */
  tree: CategoryTree;
  /** Bumped whenever the tree's content changes, so screens re-query with it. */
  treeVersion: number;
  /** After saving an edited tree: every screen uses it at once and re-queries. */
  treeSaved: (tree: CategoryTree) => void;
  /** Set while an import or the demo builds the workspace: nothing may read it then. */
  building: BuildProgress | null;
  /** Runs an import or the demo as the one workspace build (workspace-build.ts). */
  runBuild: RunBuild;
  /** Resolves once no screen has used the database for `ms` (write-tracker.ts): for work that can wait. */
  whenQuiet: (ms: number) => Promise<void>;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ value, children }: { value: AppContextValue; children: ReactNode }) {
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}

/** Translation bound to the current language. */
export function useT(): { t: (key: MessageKey, params?: Record<string, string | number>) => string; lang: Lang } {
  const { view } = useApp();
  const lang = view.lang;
  // The same function while the language stays: screens memoise charts, columns and options on `t`, and a
  // new one on every render re-drew the overview's treemap (~70 ms) as soon as a filter changed.
  return useMemo(() => ({ t: (key, params) => translate(lang, key, params), lang }), [lang]);
}
