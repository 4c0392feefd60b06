import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createConnector } from '../../core/db/base-connector.js';
import type { DbConnector } from '../../core/db/connector.js';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { insertArrowNative } from './arrow-to-native.js';
import { resultToArrow } from './native-to-arrow.js';
import { pathOfBlob } from '../file-source.js';

export interface NativeDbOptions {
  /**
   * DuckDB's `memory_limit` (e.g. '2GB', '500MB'): beyond it DuckDB writes blocks to the temp
   * directory instead of growing. Default DuckDB's own, 80 % of the machine's memory; the command
   * line passes defaultMemoryLimit().
   */
  memoryLimit?: string;
  /**
   * Where DuckDB spills beyond the memory limit. A folder given here is created if missing and
   * never deleted (DuckDB removes only its own files in it). Default: a fresh folder under the
   * system's temp folder, removed on close. (DuckDB's own default for an in-memory database is
   * `.tmp` in the current directory, wherever the command happens to run.) '' turns spilling
   * off, as in DuckDB: beyond the limit a query then fails (the tests use it to show the limit holds).
   */
  tempDirectory?: string;
}

/** The memory limit the command line uses unless told otherwise: half the machine's memory, at most 2 GiB. */
export function defaultMemoryLimit(total = totalmem()): string {
  // The goal is a peak RSS of at most 4 GiB (README, bench: the CLI at 10M lines). memory_limit caps
  // DuckDB's buffer pool (tables, hash tables, sorts), not Node's heap with the core code and the
  // Arrow results the analysis reads, nor DuckDB's allocations outside the pool. Measured at 3M lines
  // (2 threads), where both limits spill: peak RSS 3.71 GiB at a 3 GiB limit and 2.69 GiB at 2 GiB,
  // the limit plus 0.7 GiB either way, and 7 % slower at 2 GiB. At 10M lines that part grew to 1.4 GiB:
  // a 2.5 GiB limit peaked at 4,163 MB (bench, 2026-12-06), so the cap is 2 GiB. On a smaller machine half its memory leaves room for everything else
  // running (DuckDB's own default is 80 %). Never below 1 GiB: a limit that low only makes a run slower.
  // In MiB/GiB: DuckDB reads "MB" and "GB" as powers of ten.
  const mib = Math.max(1024, Math.min(2048, Math.floor(total / 2 / 1_048_576)));
  return mib % 1024 === 0 ? `${mib / 1024}GiB` : `${mib}MiB`;
}

/**
 * Native DuckDB (@duckdb/node-api, pinned to the engine version of the WASM build) for the
 * command line, where files are larger than a browser holds.
 */
export async function openNativeDb(dbPath = ':memory:', options: NativeDbOptions = {}): Promise<DbConnector> {
  let instance: DuckDBInstance | null = null;
  let conn: DuckDBConnection | null = null;
  let scratch: string | null = null;
  // The spill folder we made ourselves, and so remove on close; a user's folder is kept.
  let ownSpill: string | null = null;
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
    inMemory: dbPath === ':memory:',
    open: async () => {
      let spill = options.tempDirectory;
      if (spill === undefined) spill = ownSpill = await mkdtemp(path.join(tmpdir(), 'overblik-spill-'));
      else if (spill !== '') await mkdir(spill, { recursive: true });
      const config: Record<string, string> = { threads: '2', temp_directory: spill && path.resolve(spill) };
      if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
      try {
        instance = await DuckDBInstance.create(dbPath, config);
      } catch (error) {
        if (ownSpill) await rm(ownSpill, { recursive: true, force: true });
        ownSpill = null;
        throw error;
      }
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
      if (ownSpill) await rm(ownSpill, { recursive: true, force: true });
      ownSpill = null;
      registered.clear();
      copies.clear();
    },
  });
  await connector.ready();
  return connector;
}
