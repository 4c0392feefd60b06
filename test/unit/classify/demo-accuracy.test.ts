import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../../src/cli/gen.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { coverage } from '../../../src/core/classify/coverage.js';
import { classifyAll, reclassifyForRule } from '../../../src/core/classify/engine.js';
import { DEFAULT_ACCEPT_LEARNED, DEFAULT_ACCEPT_REFINE } from '../../../src/core/classify/learned.js';
import { acceptLearned } from '../../../src/core/classify/learned-predict.js';
import { builtinRules, type Rule } from '../../../src/core/classify/rules.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { cumulative, formatAccuracy, formatBands, measureAccuracy, measureLearnedBands } from '../../support/accuracy.js';

const CSV_ONLY = {} as Parsers;
const RULES = builtinRules(defaultCategoryTree());
const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

describe('Demo Kommune (50,000 lines, seed "acc"): accuracy against the ground truth', () => {
  let db: DbConnector;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'overblik-acc-'));
    await generateToDirectory({ lines: 50_000, seed: 'acc', out: dir, formats: ['csv', 'ecommerce', 'contracts'], spend: 1e9, truth: true });
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    for (const name of ['fakturalinjer.csv', 'ehandel.csv', 'kontrakter.csv']) {
      const source = bytesSource(name, new Uint8Array(readFileSync(path.join(dir, name))));
      await executeImport(db, source, await planImport(source, CSV_ONLY));
    }
    await db.registerFile('truth.csv', new Uint8Array(readFileSync(path.join(dir, 'truth.csv'))));
    await db.exec(
      `CREATE TABLE truth AS SELECT * FROM read_csv('truth.csv', header = true, columns = {'file': 'VARCHAR', 'row': 'BIGINT', 'category_id': 'VARCHAR'})`,
    );
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches level 1 ≥ 95 % and level 2 ≥ 90 % of spend with built-in rules and learned proposals', async () => {
    const stats = await classifyAll(db, RULES);
    console.log(
      `classifyAll on ${stats.lines} lines (DuckDB-WASM in Node): rules ${stats.ms.rules.toFixed(0)} ms, ` +
        `learned ${stats.ms.learned.toFixed(0)} ms, total ${stats.ms.total.toFixed(0)} ms; ${stats.byRule} by rules, ${stats.suggested} suggestions`,
    );
    const builtin = await measureAccuracy(db);
    console.log(formatAccuracy('Built-in rules only', builtin));
    console.log(formatBands('Learned proposals by confidence, cumulative (what acceptance at the threshold gives)', cumulative(await measureLearnedBands(db))));
    const atDefault = await acceptLearned(db, DEFAULT_ACCEPT_LEARNED, DEFAULT_ACCEPT_REFINE);
    const withDefault = await measureAccuracy(db);
    const covDefault = await coverage(db);
    console.log(formatAccuracy(`Built-in + learned accepted at ≥ ${DEFAULT_ACCEPT_LEARNED} (${atDefault.lines} lines, ${atDefault.refined} level-2 refinements)`, withDefault));
    console.log(`  coverage: ${pct(covDefault.coveredSpendShare)} of spend, ${pct(covDefault.coveredLineShare)} of lines`);
    const all = await acceptLearned(db, 0);
    const withAll = await measureAccuracy(db);
    const cov = await coverage(db);
    console.log(formatAccuracy(`Built-in + all learned proposals accepted (${all.lines} more lines)`, withAll));
    console.log(
      `  coverage: ${pct(cov.coveredSpendShare)} of spend, ${pct(cov.coveredLineShare)} of lines; by method (spend): ` +
        Object.entries(cov.byMethod).map(([m, v]) => `${m} ${pct(v.spendShare)}`).join(', '),
    );
    expect(builtin.level1Spend).toBeGreaterThan(0.8);
    expect(withDefault.level1Spend).toBeGreaterThan(builtin.level1Spend);
    expect(withAll.level1Spend).toBeGreaterThanOrEqual(0.95);
    expect(withAll.level2Spend).toBeGreaterThanOrEqual(0.9);
  });

  it('re-classifies after one rule edit without a full run', async () => {
    await classifyAll(db, RULES);
    const edited: Rule = { ...RULES.find((r) => r.id === 'builtin:kw:rengøring')!, categoryId: 'social.homecare' };
    const rules = RULES.map((r) => (r.id === edited.id ? edited : r));
    const stats = await reclassifyForRule(db, rules, edited);
    console.log(`reclassifyForRule after editing "rengøring": ${stats.lines} lines re-decided in ${stats.ms.total.toFixed(0)} ms`);
    expect(stats.lines).toBeGreaterThan(0);
    expect(stats.lines).toBeLessThan(5000);
  });
});
