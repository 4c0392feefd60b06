import { openNodeWasmDb } from '../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../src/core/db/connector.js';
import { loadDemo } from '../../src/core/demo/load-demo.js';
import { refreshAnalysis } from '../../src/core/workspace/refresh.js';

/**
 * Demo Kommune loaded in Node exactly as "Prøv med demodata" loads it in the browser (same
 * generator, seed and line count, same import and classification), so a browser test can compare
 * what a screen shows with what src/core computes. With `lines`, a smaller demo for unit tests.
 */
export async function openCoreDemo(lines?: number): Promise<DbConnector> {
  const db = await openNodeWasmDb();
  await loadDemo(db, lines);
  await refreshAnalysis(db);
  return db;
}
