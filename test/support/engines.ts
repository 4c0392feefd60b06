import { afterAll, beforeAll } from 'vitest';
import { openNativeDb } from '../../src/cli/db/native-connector.js';
import { openNodeWasmDb } from '../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../src/core/db/connector.js';

/**
 * DuckDB-WASM in Node (the browser's engine) and native DuckDB (the command line's), opened before
 * the enclosing describe's tests and closed after them. Read `wasm` and `native` inside a test.
 */
export function bothEngines(): { readonly wasm: DbConnector; readonly native: DbConnector } {
  let wasm: DbConnector | undefined;
  let native: DbConnector | undefined;
  beforeAll(async () => {
    [wasm, native] = await Promise.all([openNodeWasmDb(), openNativeDb()]);
  });
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });
  const opened = (db: DbConnector | undefined): DbConnector => {
    if (!db) throw new Error('bothEngines(): read the engines inside a test, after beforeAll');
    return db;
  };
  return {
    get wasm() { return opened(wasm); },
    get native() { return opened(native); },
  };
}
