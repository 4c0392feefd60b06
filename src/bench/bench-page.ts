import { runFloor, type FloorResult } from '../core/bench/floor.js';
import type { DbConnector } from '../core/db/connector.js';
import { queryRows } from '../core/db/rows.js';
import { executeImport } from '../core/import/import-file.js';
import { planImport } from '../core/import/plan.js';
import { clearWorkspace } from '../core/workspace/schema.js';
import { builtinRules, coverage, reclassifyForRule, type Rule } from '../core/classify/index.js';
import { defaultCategoryTree } from '../core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../core/workspace/refresh.js';
import { openBrowserDb } from '../ui/db/browser-connector.js';
import { createWorkerParsers, fileSource } from '../ui/import/worker-parsers.js';

/**
 * Driven by bench/run.ts through Playwright: the same DuckDB-WASM build, workers and core code
 * as the app, on a file chosen through a real file input (as a user's drop is).
 */
interface ImportResult {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  planMs: number;
  loadMs: number;
  totalMs: number;
  /** Suppliers + classification (rules and learned proposals) after the import. */
  analyseMs: number;
  classifyRulesMs: number;
  classifyLearnMs: number;
  rules: number;
  classifiedShare: number;
  /** Re-classification after one user rule is added. */
  reclassifyMs: number;
  reclassifiedLines: number;
  reclassifyWasFull: boolean;
}

interface BenchApi {
  ready: Promise<{ engineStartMs: number; bundle: string }>;
  floor(): Promise<FloorResult>;
  importFile(): Promise<ImportResult>;
}

const out = document.getElementById('out')!;
let db: DbConnector | null = null;
let bundle = 'unknown';
const parsers = createWorkerParsers();

const t0 = performance.now();
const ready = openBrowserDb((s) => {
  if (s.bundle) bundle = s.bundle;
}).then((connector) => {
  db = connector;
  const result = { engineStartMs: performance.now() - t0, bundle };
  out.textContent = JSON.stringify(result);
  return result;
});

function chosenFile(): File {
  const file = (document.getElementById('bench-file') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('No file chosen');
  return file;
}

const api: BenchApi = {
  ready,
  async floor() {
    await ready;
    const file = chosenFile();
    await db!.registerFile('bench.csv', file);
    const result = await runFloor(db!, 'bench.csv', () => performance.now());
    await db!.exec('DROP TABLE temp.floor_line');
    await db!.dropFile('bench.csv');
    out.textContent = JSON.stringify(result);
    return result;
  },
  async importFile() {
    await ready;
    await clearWorkspace(db!);
    const source = fileSource(chosenFile());
    const start = performance.now();
    const plan = await planImport(source, parsers);
    const planned = performance.now();
    const outcome = await executeImport(db!, source, plan, plan.mapping, parsers);
    const end = performance.now();
    // Force the loaded rows to be materialised before the clock stops.
    await queryRows(db!, 'SELECT count(*) FROM spend_line');
    const a0 = performance.now();
    const refreshed = await refreshAnalysis(db!);
    const analyseMs = Math.round(performance.now() - a0);
    const tree = defaultCategoryTree();
    const rules = builtinRules(tree);
    const edit: Rule = { id: 'bench:user', signal: 'keyword', pattern: 'kuglepen', match: 'word', categoryId: 'office.supplies', priority: 1, origin: 'user', enabled: true };
    const r0 = performance.now();
    const re = await reclassifyForRule(db!, [...rules, edit], edit, { tree });
    const reclassifyMs = Math.round(performance.now() - r0);
    const cov = await coverage(db!);
    const result = {
      analyseMs,
      classifyRulesMs: Math.round(refreshed.classification.ms.rules),
      classifyLearnMs: Math.round(refreshed.classification.ms.learned),
      rules: rules.length,
      classifiedShare: Math.round(cov.coveredSpendShare * 1000) / 1000,
      reclassifyMs,
      reclassifiedLines: re.lines,
      reclassifyWasFull: re.full === true,
      rowsRead: outcome.summary.rowsRead,
      rowsLoaded: outcome.summary.rowsLoaded,
      rowsRejected: outcome.summary.rowsRejected,
      planMs: Math.round(planned - start),
      loadMs: Math.round(end - planned),
      totalMs: Math.round(end - start),
    };
    out.textContent = JSON.stringify(result);
    return result;
  },
};

(window as unknown as { overblikBench: BenchApi }).overblikBench = api;
