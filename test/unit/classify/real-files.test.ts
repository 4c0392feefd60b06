import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { coverage, type Coverage } from '../../../src/core/classify/coverage.js';
import { classifyAll } from '../../../src/core/classify/engine.js';
import { DEFAULT_ACCEPT_LEARNED } from '../../../src/core/classify/learned.js';
import { acceptLearned } from '../../../src/core/classify/learned-predict.js';
import { builtinRules, importRules } from '../../../src/core/classify/rules.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { directParsers } from '../../../src/core/import/direct-parsers.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource } from '../../../src/core/import/sources.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { fixtureBytes } from '../../support/fixtures.js';

const TREE = defaultCategoryTree();
const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/real-file-rules.json', import.meta.url), 'utf8')) as Record<string, { note: string; rules: unknown[] }>;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const describeCoverage = (c: Coverage): string =>
  `${pct(c.coveredSpendShare)} of spend, ${pct(c.coveredLineShare)} of lines (` +
  Object.entries(c.byMethod).map(([m, v]) => `${m} ${pct(v.spendShare)}`).join(', ') + ')';

describe('real public spend files: coverage with built-in rules and at most ten user rules', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  // Floors guard against regressions; the measured figures are printed.
  it.each([
    { file: 'uk_sheffield_spend_2017q1.csv', floor: 0.75 },
    { file: 'us_scottsdale_vendor_payments.csv', floor: 0.65 },
    { file: 'se_orebro_supplier_invoices_2016-03.xlsx', floor: 0.8 },
  ])('$file', async ({ file, floor }) => {
    const entry = FIXTURE[file];
    expect(entry, `fixture for ${file}`).toBeDefined();
    const user = importRules(JSON.stringify({ rules: entry!.rules }), TREE);
    expect(user.length).toBeLessThanOrEqual(10);
    expect(user.every((r) => r.origin === 'user')).toBe(true);
    await clearWorkspace(db);
    const source = bytesSource(file, fixtureBytes(`real/${file}`));
    const { summary } = await executeImport(db, source, await planImport(source, directParsers));
    expect(summary.rowsLoaded).toBeGreaterThan(20_000);

    await classifyAll(db, builtinRules(TREE), { learn: false });
    const builtin = await coverage(db);
    await classifyAll(db, [...builtinRules(TREE), ...user]);
    const withRules = await coverage(db);
    await acceptLearned(db, DEFAULT_ACCEPT_LEARNED);
    const withLearned = await coverage(db);
    console.log(
      `${file} (${summary.rowsLoaded} lines)\n  built-in rules only: ${describeCoverage(builtin)}\n` +
        `  + ${user.length} user rules: ${describeCoverage(withRules)}\n` +
        `  + learned accepted at ≥ ${DEFAULT_ACCEPT_LEARNED}: ${describeCoverage(withLearned)}`,
    );
    expect(withRules.coveredSpendShare).toBeGreaterThanOrEqual(floor);
    expect(withLearned.coveredSpendShare).toBeGreaterThanOrEqual(withRules.coveredSpendShare);
  });
});
