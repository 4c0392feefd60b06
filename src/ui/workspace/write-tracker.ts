import type { DbConnector } from '../../core/db/connector.js';
import { mayWrite, queryMayWrite } from '../../core/db/may-write.js';
import { registerWriteCount } from '../../core/db/write-count.js';

/**
 * Counts the statements that may change the analysis (exec, Arrow inserts, a query that writes) and tells a listener.
 * Every feature writes through the one connector, so the autosave notices a change without any
 * feature having to announce it; the content signatures then say which tables really changed.
 *
 * It also knows when the screens use the database (statements in flight, the last one's end), so
 * the autosave can run its long snapshot in the gaps: DuckDB-WASM runs one statement at a time,
 * and every statement of a snapshot is one a filter change would otherwise wait behind.
 */
export interface TrackedDb {
  /** The connector every feature uses: its statements count as activity. */
  db: DbConnector;
  /** The same connector for the autosave's own reads: not counted as activity. */
  background: DbConnector;
  writes(): number;
  onWrite(listener: () => void): () => void;
  /** Resolves once no statement of `db` has run for `quietMs` (or after `maxWaitMs` at the latest). */
  quiet(quietMs: number, maxWaitMs?: number): Promise<void>;
}

export function trackWrites(inner: DbConnector): TrackedDb {
  let count = 0;
  let inFlight = 0;
  let lastEnd = 0;
  const listeners = new Set<() => void>();
  const wrote = <T>(result: Promise<T>): Promise<T> => {
    count++;
    for (const l of listeners) l();
    return result;
  };
  const active = <T>(run: () => Promise<T>): Promise<T> => {
    inFlight++;
    return run().finally(() => {
      inFlight--;
      lastEnd = performance.now();
    });
  };
  const connector = (track: <T>(run: () => Promise<T>) => Promise<T>): DbConnector => ({
    runtime: inner.runtime,
    query: (sql, options) => track(() => (queryMayWrite(sql) ? wrote(inner.query(sql, options)) : inner.query(sql, options))),
    exec: (sql, options) => track(() => (mayWrite(sql) ? wrote(inner.exec(sql, options)) : inner.exec(sql, options))),
    registerFile: (name, data) => inner.registerFile(name, data),
    insertArrow: (table, data) => track(() => wrote(inner.insertArrow(table, data))),
    exportArrow: (sql, options) => track(() => inner.exportArrow(sql, options)),
    insertArrowStream: (table, ipc, options) => track(() => wrote(inner.insertArrowStream(table, ipc, options))),
    dropFile: (name) => inner.dropFile(name),
    close: () => inner.close(),
  });
  const quiet = (quietMs: number, maxWaitMs = 15_000) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const check = () => {
        const now = performance.now();
        const idleFor = inFlight ? 0 : now - lastEnd;
        const waited = now - started;
        if (idleFor >= quietMs || waited >= maxWaitMs) resolve();
        else setTimeout(check, Math.max(20, Math.min(quietMs - idleFor, maxWaitMs - waited)));
      };
      check();
    });
  const db = connector(active);
  // Figures derived from the tables' content are kept until the next write (src/core/db/write-count.ts).
  registerWriteCount(db, () => count);
  return {
    db,
    background: connector((run) => run()),
    writes: () => count,
    onWrite: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    quiet,
  };
}
