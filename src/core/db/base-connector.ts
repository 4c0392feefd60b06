import type { Table } from 'apache-arrow';
import type { DbConnector, DbRuntime, QueryOptions } from './connector.js';
import { COMPRESSED_MEMORY_SQL, STARTUP_SQL } from './connector.js';
import { QueryError, toQueryError } from './query-error.js';

/** What a runtime must supply; the base adds lazy start-up, abort checks and error wrapping. */
export interface ConnectorImpl {
  runtime: DbRuntime;
  open(): Promise<void>;
  query(sql: string): Promise<Table>;
  exec(sql: string): Promise<void>;
  registerFile(name: string, data: Uint8Array | Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
  insertArrow(table: string, data: Table): Promise<void>;
  exportArrow(sql: string): Promise<Uint8Array>;
  insertArrowStream(table: string, ipc: Uint8Array, append: boolean): Promise<void>;
  close(): Promise<void>;
  /** Optional: stop the running query (browser worker). */
  cancel?(): Promise<void>;
  /** False for a database file: its tables are compressed by DuckDB's own checkpoints. Default true. */
  inMemory?: boolean;
}

export function createConnector(impl: ConnectorImpl): DbConnector & { ready(): Promise<void> } {
  let opening: Promise<void> | null = null;

  const ready = (): Promise<void> => {
    // One shared promise so concurrent first queries start the engine once; cleared on failure
    // so a later call can try again.
    opening ??= (async () => {
      await impl.open();
      for (const statement of STARTUP_SQL) await impl.exec(statement);
      if (impl.inMemory !== false) for (const statement of COMPRESSED_MEMORY_SQL) await impl.exec(statement);
    })().catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };

  const guarded = async <T>(sql: string, options: QueryOptions | undefined, run: () => Promise<T>): Promise<T> => {
    if (options?.signal?.aborted) throw new QueryError('Query aborted', sql);
    await ready();
    const onAbort = () => void impl.cancel?.();
    options?.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await run();
    } catch (error) {
      throw toQueryError(error, sql);
    } finally {
      options?.signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    runtime: impl.runtime,
    ready,
    query: (sql, options) => guarded(sql, options, () => impl.query(sql)),
    exec: (sql, options) => guarded(sql, options, () => impl.exec(sql)),
    registerFile: async (name, data) => {
      await ready();
      await impl.registerFile(name, data);
    },
    dropFile: async (name) => {
      await ready();
      await impl.dropFile(name);
    },
    insertArrow: (table, data) => guarded(`-- insert Arrow into ${table}`, undefined, () => impl.insertArrow(table, data)),
    exportArrow: (sql, options) => guarded(sql, options, () => impl.exportArrow(sql)),
    insertArrowStream: (table, ipc, options) =>
      guarded(`-- insert Arrow IPC into ${table}`, undefined, () => impl.insertArrowStream(table, ipc, options?.append ?? false)),
    close: async () => {
      if (opening) await opening.catch(() => undefined);
      opening = null;
      await impl.close();
    },
  };
}
