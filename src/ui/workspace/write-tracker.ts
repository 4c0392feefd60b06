import type { DbConnector } from '../../core/db/connector.js';

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

/** The session's temporary objects: created by the analysis and the classification engine, never kept. */
const TEMP_OBJECT = /^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+(?:TABLE|VIEW)\b|DROP\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?"?(?:_ovb_|cls_))/i;
/** The schema checks every read path runs; an empty table or column they add is added again on the next use. */
const SCHEMA_CHECK = /^\s*(?:CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\b|ALTER\s+TABLE\s+\S+\s+ADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\b)/i;

/**
 * False for a statement that changes nothing a workspace keeps (TEMP_OBJECT, SCHEMA_CHECK without a
 * query in it); anything else, or more than one statement, may write. Counting those made every
 * screen opened or filter changed start an autosave pass, which hashes every table of the workspace
 * (1M lines) on the one database connection the next screen waits for.
 */
export function mayWrite(sql: string): boolean {
  if (/;\s*\S/.test(sql)) return true;
  if (TEMP_OBJECT.test(sql)) return false;
  return !(SCHEMA_CHECK.test(sql) && !/\bAS\s*\(?\s*(?:SELECT|WITH|FROM|VALUES)\b/i.test(sql));
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
