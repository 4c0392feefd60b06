import type { DbConnector, QueryOptions } from './connector.js';

/** Statements that finish or undo work: they run even after the signal fired, so a cancel leaves nothing half done. */
const FINISHING = /^\s*(?:COMMIT|ROLLBACK|DROP\s+(?:TABLE|VIEW)\b)/i;

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Annulleret');
  }
}

/** What an abortable connector wraps, and its signal. */
const wrapped = new WeakMap<DbConnector, { base: DbConnector; signal: AbortSignal }>();

/**
 * The connector under any abortable wrappers. State shared between the callers of one database
 * (caches, the shared prepared lines, the classification queue) is kept per base connector, and
 * work others wait for runs on it, so one caller's cancel never fails another's.
 */
export function baseConnector(db: DbConnector): DbConnector {
  return wrapped.get(db)?.base ?? db;
}

/** True when `db` is an abortable connector whose signal has fired. */
export function isCancelled(db: DbConnector): boolean {
  return wrapped.get(db)?.signal.aborted ?? false;
}

/**
 * The connector with every statement tied to `signal`: once it fires, the statement running is
 * cancelled where the runtime can (DuckDB-WASM in the browser) and every later one refuses to start
 * with CancelledError, except those that end a transaction or drop tables. A task run on it inside
 * `inTransaction` therefore stops at its next statement and is rolled back whole; a superseded
 * screen query stops at its next statement instead of running to its end.
 */
export function abortable(db: DbConnector, signal: AbortSignal | undefined): DbConnector {
  if (!signal) return db;
  const check = () => {
    if (signal.aborted) throw new CancelledError();
  };
  const run = async <T>(sql: string, given: QueryOptions | undefined, f: (o: QueryOptions | undefined) => Promise<T>): Promise<T> => {
    if (FINISHING.test(sql)) return f(given);
    check();
    try {
      return await f({ ...given, signal });
    } catch (error) {
      // The runtime's own abort error (or one from a cancelled statement) reads as a cancel.
      check();
      throw error;
    }
  };
  const out: DbConnector = {
    runtime: db.runtime,
    query: (sql, o) => run(sql, o, (x) => db.query(sql, x)),
    exec: (sql, o) => run(sql, o, (x) => db.exec(sql, x)),
    exportArrow: (sql, o) => run(sql, o, (x) => db.exportArrow(sql, x)),
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
  wrapped.set(out, { base: baseConnector(db), signal });
  return out;
}
