import type { DbConnector, QueryOptions } from './connector.js';

/** Statements that finish or undo work: they run even after the signal fired, so a cancel leaves nothing half done. */
const FINISHING = /^\s*(?:COMMIT|ROLLBACK|DROP\s+(?:TABLE|VIEW)\s+IF\s+EXISTS)\b/i;

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Annulleret');
  }
}

/**
 * The connector with every statement tied to `signal`: once it fires, the statement running is
 * cancelled where the runtime can (DuckDB-WASM in the browser) and every later one refuses to start,
 * except those that end a transaction or drop scratch tables. A task run on it inside
 * `inTransaction` therefore stops at its next statement and is rolled back whole.
 */
export function abortable(db: DbConnector, signal: AbortSignal | undefined): DbConnector {
  if (!signal) return db;
  const options = (sql: string, given?: QueryOptions): QueryOptions | undefined => (FINISHING.test(sql) ? given : { ...given, signal });
  const check = () => {
    if (signal.aborted) throw new CancelledError();
  };
  return {
    runtime: db.runtime,
    query: (sql, o) => db.query(sql, options(sql, o)),
    exec: (sql, o) => db.exec(sql, options(sql, o)),
    exportArrow: (sql, o) => db.exportArrow(sql, options(sql, o)),
    registerFile: async (name, data) => {
      check();
      await db.registerFile(name, data);
    },
    insertArrow: async (table, data) => {
      check();
      await db.insertArrow(table, data);
    },
    insertArrowStream: async (table, ipc, o) => {
      check();
      await db.insertArrowStream(table, ipc, o);
    },
    dropFile: (name) => db.dropFile(name),
    close: () => db.close(),
  };
}
