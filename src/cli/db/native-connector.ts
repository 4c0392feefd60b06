import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createConnector } from '../../core/db/base-connector.js';
import type { DbConnector } from '../../core/db/connector.js';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { insertArrowNative } from './arrow-to-native.js';
import { resultToArrow } from './native-to-arrow.js';
import { pathOfBlob } from '../file-source.js';

/**
 * Native DuckDB (@duckdb/node-api, pinned to the engine version of the WASM build) for the
 * command line, where files are larger than a browser holds.
 */
export async function openNativeDb(dbPath = ':memory:'): Promise<DbConnector> {
  let instance: DuckDBInstance | null = null;
  let conn: DuckDBConnection | null = null;
  let scratch: string | null = null;
  const registered = new Map<string, string>();
  // Only our own temporary copies are ever deleted; a user's file registered in place never is.
  const copies = new Set<string>();
  const connection = (): DuckDBConnection => {
    if (!conn) throw new Error('DuckDB is not open');
    return conn;
  };
  // Registered names are rewritten to real paths so the same SQL (read_csv('name')) works here.
  const resolve = (sql: string): string => {
    let out = sql;
    for (const [name, file] of registered) out = out.replaceAll(`'${name.replaceAll("'", "''")}'`, `'${file.replaceAll("'", "''")}'`);
    return out;
  };
  const connector = createConnector({
    runtime: 'native',
    open: async () => {
      instance = await DuckDBInstance.create(dbPath, { threads: '2' });
      conn = await instance.connect();
    },
    query: async (sql) => resultToArrow(await connection().runAndReadAll(resolve(sql))),
    exec: async (sql) => {
      await connection().run(resolve(sql));
    },
    registerFile: async (name, data) => {
      const onDisk = pathOfBlob(data);
      if (onDisk) {
        registered.set(name, onDisk);
        return;
      }
      scratch ??= await mkdtemp(path.join(tmpdir(), 'overblik-'));
      const file = path.join(scratch, `${registered.size}-${path.basename(name)}`);
      await writeFile(file, data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer()));
      copies.add(file);
      registered.set(name, file);
    },
    insertArrow: async (table, data) => insertArrowNative(connection(), table, data),
    exportArrow: async (sql) => tableToIPC(resultToArrow(await connection().runAndReadAll(resolve(sql))), 'stream'),
    insertArrowStream: async (table, ipc, append) => insertArrowNative(connection(), table, tableFromIPC(ipc), append),
    dropFile: async (name) => {
      const file = registered.get(name);
      registered.delete(name);
      if (file && copies.delete(file)) await rm(file, { force: true });
    },
    close: async () => {
      conn?.closeSync();
      instance?.closeSync();
      conn = null;
      instance = null;
      if (scratch) await rm(scratch, { recursive: true, force: true });
      scratch = null;
      registered.clear();
      copies.clear();
    },
  });
  await connector.ready();
  return connector;
}
