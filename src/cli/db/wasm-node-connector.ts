import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableToIPC, type Table } from 'apache-arrow';
import { arrowFileToStream } from '../../core/db/arrow-ipc.js';
import { createConnector } from '../../core/db/base-connector.js';
import type { DbConnector } from '../../core/db/connector.js';

const require = createRequire(import.meta.url);

/**
 * DuckDB-WASM in Node (the same engine build as the browser), used by tests so they exercise
 * exactly the SQL dialect and Arrow output the app gets.
 */
export async function openNodeWasmDb(): Promise<DbConnector> {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm'));
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  let db: duckdb.DuckDBBindings | null = null;
  let conn: duckdb.DuckDBConnection | null = null;
  const connection = (): duckdb.DuckDBConnection => {
    if (!conn) throw new Error('DuckDB-WASM is not open');
    return conn;
  };
  const connector = createConnector({
    runtime: 'node-wasm',
    open: async () => {
      db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
      await db.instantiate(() => undefined);
      conn = db.connect();
    },
    query: async (sql) => connection().query(sql) as unknown as Table,
    exec: async (sql) => {
      connection().query(sql);
    },
    registerFile: async (name, data) => {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
      db!.registerFileBuffer(name, bytes);
    },
    dropFile: async (name) => {
      db!.dropFile(name);
    },
    insertArrow: async (table, data) => {
      // Serialise with our own Arrow: the CJS build of DuckDB-WASM loads a second copy of
      // apache-arrow whose instanceof checks reject our tables and silently insert nothing.
      connection().insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create: true });
    },
    exportArrow: async (sql) => arrowFileToStream(connection().useUnsafe((bindings, id) => bindings.runQuery(id, sql))),
    insertArrowStream: async (table, ipc, append) => {
      connection().insertArrowFromIPCStream(ipc, { name: table, create: !append });
    },
    close: async () => {
      conn?.close();
      db?.reset();
      conn = null;
      db = null;
    },
  });
  await connector.ready();
  return connector;
}
