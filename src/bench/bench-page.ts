import { runFloor, type FloorResult } from '../core/bench/floor.js';
import type { DbConnector } from '../core/db/connector.js';
import { openBrowserDb } from '../ui/db/browser-connector.js';

/**
 * Driven by bench/run.ts through Playwright: the same DuckDB-WASM build and worker as the app,
 * on a file chosen through a real file input (as a user's drop is).
 */
interface BenchApi {
  ready: Promise<{ engineStartMs: number; bundle: string }>;
  floor(): Promise<FloorResult>;
}

const out = document.getElementById('out')!;
let db: DbConnector | null = null;
let bundle = 'unknown';

const t0 = performance.now();
const ready = openBrowserDb((s) => {
  if (s.bundle) bundle = s.bundle;
}).then((connector) => {
  db = connector;
  const result = { engineStartMs: performance.now() - t0, bundle };
  out.textContent = JSON.stringify(result);
  return result;
});

const api: BenchApi = {
  ready,
  async floor() {
    await ready;
    const input = document.getElementById('bench-file') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !db) throw new Error('No file chosen');
    await db.registerFile('bench.csv', file);
    const result = await runFloor(db, 'bench.csv', () => performance.now());
    await db.exec('DROP TABLE floor_line');
    await db.dropFile('bench.csv');
    out.textContent = JSON.stringify(result);
    return result;
  },
};

(window as unknown as { overblikBench: BenchApi }).overblikBench = api;
