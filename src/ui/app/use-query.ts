import { useEffect, useState } from 'react';
import { abortable } from '../../core/db/abortable.js';
import type { DbConnector } from '../../core/db/connector.js';
import { useApp } from './app-context.js';

export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  isLoading: boolean;
}

interface Settled<T> {
  key: string;
  data: T | undefined;
  error: Error | null;
}

/**
 * Runs a core query function whenever `key` (what the query depends on), the database, the
 * loaded data or the category tree change. The previous run is aborted: it never paints stale results, and
 * its statements after the one running are not started (`run` gets an abortable connector, whose
 * refused statements throw CancelledError), so a quick series of filter changes costs the last one
 * and not all of them. While a new key is pending the last data stays visible. While the
 * workspace is being built nothing runs; the build ends with a new data version.
 */
export function useQuery<T>(key: string, run: (db: DbConnector, signal: AbortSignal) => Promise<T>): QueryState<T> {
  const { db, dataVersion, treeVersion, building } = useApp();
  const fullKey = `${dataVersion}|${treeVersion}|${key}`;
  const [settled, setSettled] = useState<Settled<T>>({ key: '', data: undefined, error: null });
  const wait = building !== null;
  useEffect(() => {
    // Never while the workspace is being built: its tables come and go inside the import.
    if (!db || wait) return;
    const controller = new AbortController();
    run(abortable(db, controller.signal), controller.signal).then(
      (data) => !controller.signal.aborted && setSettled({ key: fullKey, data, error: null }),
      (error: unknown) =>
        !controller.signal.aborted &&
        setSettled({ key: fullKey, data: undefined, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => controller.abort();
    // `run` is a new closure each render; `fullKey` says when the query really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, fullKey, wait]);
  return { data: settled.data, error: settled.error, isLoading: settled.key !== fullKey };
}
