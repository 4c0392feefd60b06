import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC, type Table } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowFileToStream } from '../../core/db/arrow-ipc.js';
import { createConnector } from '../../core/db/base-connector.js';
import type { DbConnector } from '../../core/db/connector.js';

/**
 * DuckDB-WASM in its own Web Worker, served from our origin. Only the eh bundle ships (and is
 * precached for offline use): every supported browser (README: Chrome/Edge 111+, Firefox 115+,
 * Safari 16.4+) has WebAssembly exception handling, so the mvp fallback would be 33 MB nobody
 * loads. The threaded (coi) build needs COOP/COEP headers, which a plain static host does not give.
 */
const EH_BUNDLE = { mainModule: ehWasm, mainWorker: ehWorker, pthreadWorker: null };

/** Shown in the status line when the browser is older than the supported ones (README). */
export const UNSUPPORTED_BROWSER = 'Browseren er for gammel til Overblik (mangler WebAssembly-undtagelser); brug en nyere Chrome, Edge, Firefox eller Safari / This browser is too old for Overblik';

export interface BrowserDbStatus {
  phase: 'loading' | 'ready' | 'failed';
  bundle?: string;
  bytesLoaded?: number;
  bytesTotal?: number;
}

export async function openBrowserDb(onStatus?: (status: BrowserDbStatus) => void): Promise<DbConnector> {
  let db: duckdb.AsyncDuckDB | null = null;
  let conn: duckdb.AsyncDuckDBConnection | null = null;
  let worker: Worker | null = null;
  const connection = (): duckdb.AsyncDuckDBConnection => {
    if (!conn) throw new Error('DuckDB-WASM is not open');
    return conn;
  };
  const database = (): duckdb.AsyncDuckDB => {
    if (!db) throw new Error('DuckDB-WASM is not open');
    return db;
  };
  const connector = createConnector({
    runtime: 'browser',
    open: async () => {
      if (!(await duckdb.getPlatformFeatures()).wasmExceptions) throw new Error(UNSUPPORTED_BROWSER);
      const bundle = EH_BUNDLE;
      const kind = 'eh';
      onStatus?.({ phase: 'loading', bundle: kind });
      worker = new Worker(bundle.mainWorker);
      // A worker script that fails to load only fires 'error'; without this the start would hang.
      const workerFailed = new Promise<never>((_, reject) =>
        worker!.addEventListener('error', (e) => reject(new Error(`DuckDB worker failed to load: ${e.message || bundle.mainWorker}`)), { once: true }),
      );
      db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
      const instance = db;
      await Promise.race([
        workerFailed,
        instance.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) =>
          onStatus?.({ phase: 'loading', bundle: kind, bytesLoaded: p.bytesLoaded, bytesTotal: p.bytesTotal }),
        ),
      ]);
      conn = await Promise.race([workerFailed, instance.connect()]);
      onStatus?.({ phase: 'ready', bundle: kind });
    },
    query: async (sql) => (await connection().query(sql)) as unknown as Table,
    exec: async (sql) => {
      await connection().query(sql);
    },
    cancel: async () => {
      await conn?.cancelSent();
    },
    registerFile: async (name, data) => {
      // registerFileBuffer transfers the buffer to DuckDB's worker, which empties it here; the
      // importer still reads the bytes (a refused line, the rest of the file after it), so it gets a copy.
      if (data instanceof Uint8Array) await database().registerFileBuffer(name, data.slice());
      // A File is read in place by the worker (no copy into WASM memory up front).
      else await database().registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    dropFile: async (name) => {
      await database().dropFile(name);
    },
    insertArrow: async (table, data) => {
      // Serialised here with our Arrow so no instanceof check across bundles can drop the data.
      await connection().insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create: true });
    },
    // The raw result bytes come from the worker as they are: no Arrow decoding on the main thread.
    exportArrow: async (sql) => arrowFileToStream(await connection().useUnsafe((bindings, id) => bindings.runQuery(id, sql))),
    insertArrowStream: async (table, ipc, append) => {
      // The buffer is transferred to the worker (detached here): a view into a larger buffer is
      // copied first so the caller's other bytes stay usable.
      const whole = ipc.byteOffset === 0 && ipc.byteLength === ipc.buffer.byteLength ? ipc : ipc.slice();
      await connection().insertArrowFromIPCStream(whole, { name: table, create: !append });
    },
    close: async () => {
      await conn?.close();
      await db?.terminate();
      worker?.terminate();
      conn = null;
      db = null;
      worker = null;
    },
  });
  try {
    await connector.ready();
  } catch (error) {
    onStatus?.({ phase: 'failed' });
    throw error;
  }
  return connector;
}
