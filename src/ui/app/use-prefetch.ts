import { useEffect, useMemo } from 'react';
import { abortable } from '../../core/db/abortable.js';
import type { DbConnector } from '../../core/db/connector.js';
import { useApp } from './app-context.js';

/** Results fetched ahead per group; a few at most. */
const KEEP = 3;
/**
 * A fetch ahead starts once no screen has used the database this long: DuckDB-WASM runs one statement
 * at a time, so a fetch ahead started among a screen's queries would hold up what the person waits for.
 */
const QUIET_MS = 10;

interface Entry<T> {
  result: Promise<T>;
  /** Starts the fetch now, quiet or not (its result is wanted). */
  start: () => void;
}

/** What one group fetched ahead; fetching runs only while the group is shown (open → the returned close). */
class Ahead<T> {
  private controller: AbortController | null = null;
  private readonly results = new Map<string, Entry<T>>();

  constructor(readonly group: string) {}

  /** Called from an effect: a development remount closes and opens it again. */
  open(): () => void {
    const controller = new AbortController();
    this.controller = controller;
    return () => {
      controller.abort();
      this.controller = null;
      this.results.clear();
    };
  }

  take(key: string): Promise<T> | undefined {
    const entry = this.results.get(key);
    entry?.start();
    return entry?.result;
  }

  ahead(db: DbConnector, key: string, run: (db: DbConnector) => Promise<T>, quiet: Promise<void>): void {
    if (!this.controller || this.results.has(key)) return;
    const signal = this.controller.signal;
    let start = () => {};
    const go = new Promise<void>((resolve) => (start = resolve));
    void quiet.then(start);
    const result = go.then(() => run(abortable(db, signal)));
    // A failure is the taker's to handle (it then queries itself); unhandled here it would be reported twice.
    result.catch(() => undefined);
    this.results.set(key, { result, start });
    for (const old of this.results.keys()) if (this.results.size > KEEP) this.results.delete(old);
  }
}

/**
 * Fetches what a person will most likely ask for next (the next page of lines) while they look at
 * the current one, so the click that asks for it finds it ready. A fetch ahead waits until the
 * screens leave the database alone, unless it is asked for first. Everything fetched ahead belongs to
 * `group` (what it depends on besides its own key: the scope, the sort, the search) and to the
 * state of the data: when either changes, fetches still running are stopped and the results dropped.
 * `take(key)` hands out a result fetched ahead (which may still be running, or may have failed: the
 * caller then runs its own query); `ahead(key, run)` starts one unless it is there already.
 */
export function usePrefetch<T>(group: string): {
  take: (key: string) => Promise<T> | undefined;
  ahead: (key: string, run: (db: DbConnector) => Promise<T>) => void;
} {
  const { db, dataVersion, treeVersion, building, whenQuiet } = useApp();
  const store = useMemo(() => new Ahead<T>(`${dataVersion}|${treeVersion}|${group}`), [dataVersion, treeVersion, group]);
  useEffect(() => store.open(), [store]);
  return {
    take: (key) => store.take(key),
    ahead: (key, run) => {
      if (db && building === null) store.ahead(db, key, run, whenQuiet(QUIET_MS));
    },
  };
}
