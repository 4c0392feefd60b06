import type { DbConnector } from '../../core/db/connector.js';
import { mayWrite } from '../../core/db/may-write.js';

/**
 * Counts the statements that may change the analysis (exec, Arrow inserts) and tells a listener.
 * Every feature writes through the one connector, so the autosave notices a change without any
 * feature having to announce it; the content signatures then say which tables really changed.
 */
export interface TrackedDb {
  db: DbConnector;
  writes(): number;
  onWrite(listener: () => void): () => void;
}

export function trackWrites(inner: DbConnector): TrackedDb {
  let count = 0;
  const listeners = new Set<() => void>();
  const wrote = <T>(result: Promise<T>): Promise<T> => {
    count++;
    for (const l of listeners) l();
    return result;
  };
  const db: DbConnector = {
    runtime: inner.runtime,
    query: (sql, options) => inner.query(sql, options),
    exec: (sql, options) => (mayWrite(sql) ? wrote(inner.exec(sql, options)) : inner.exec(sql, options)),
    registerFile: (name, data) => inner.registerFile(name, data),
    insertArrow: (table, data) => wrote(inner.insertArrow(table, data)),
    exportArrow: (sql, options) => inner.exportArrow(sql, options),
    insertArrowStream: (table, ipc, options) => wrote(inner.insertArrowStream(table, ipc, options)),
    dropFile: (name) => inner.dropFile(name),
    close: () => inner.close(),
  };
  return {
    db,
    writes: () => count,
    onWrite: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
