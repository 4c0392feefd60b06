import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../../src/cli/gen.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { classifyAll } from '../../../src/core/classify/engine.js';
import { builtinRules } from '../../../src/core/classify/rules.js';
import { currentProfileRules } from '../../../src/core/classify/supplier-profile.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';

const RULES = builtinRules(defaultCategoryTree());

type Row = { category: string; rule: string | null; method: string; refine: string | null; overruled: string | null };

async function decisions(db: DbConnector): Promise<Map<number, Row>> {
  const rows = await queryRows(db, `SELECT line_id, category_id, rule_id, method, refine_rule_id, overruled_rule_id FROM classification ORDER BY line_id`);
  return new Map(rows.map((r) => [Number(r.line_id), {
    category: String(r.category_id), rule: r.rule_id === null ? null : String(r.rule_id), method: String(r.method),
    refine: r.refine_rule_id === null ? null : String(r.refine_rule_id), overruled: r.overruled_rule_id === null ? null : String(r.overruled_rule_id),
  }]));
}

/**
 * A full run decides the lines of suppliers with a profile a second time, with the profiles among the
 * rules. It decides again only the lines a profile can change (no rule of a higher tier decides them);
 * the result must be what one pass over every line with the final rule set gives.
 */
describe('supplier profiles in a full run', () => {
  let db: DbConnector;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'overblik-profile-scope-'));
    await generateToDirectory({ lines: 20_000, seed: 'profile-scope', out: dir, formats: ['csv'], spend: 2e8, truth: false });
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    const source = bytesSource('fakturalinjer.csv', new Uint8Array(readFileSync(path.join(dir, 'fakturalinjer.csv'))));
    await executeImport(db, source, await planImport(source, {} as Parsers));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every line the decision of one pass with the profiles among the rules', async () => {
    await classifyAll(db, RULES, { learn: false });
    const run = await decisions(db);
    const profiles = await currentProfileRules(db);
    const [lines] = await queryRows(db, 'SELECT count(*) AS n FROM spend_line');
    // The test means something only if profiles decide lines and overrule keywords here.
    const byProfile = [...run.values()].filter((d) => d.method === 'supplier_profile');
    expect(profiles.length).toBeGreaterThan(10);
    expect(byProfile.filter((d) => d.overruled === null).length).toBeGreaterThan(100);
    expect(byProfile.filter((d) => d.overruled !== null).length).toBeGreaterThan(0);

    await classifyAll(db, [...RULES, ...profiles], { learn: false, profiles: false });
    const once = await decisions(db);
    expect(once.size).toBe(run.size);
    expect(run.size).toBeLessThanOrEqual(Number(lines?.n));
    for (const [id, d] of run) {
      const o = once.get(id);
      // A keyword the profile overruled: the single pass keeps the keyword (it has no conflict step).
      if (d.overruled !== null) expect(o?.rule, String(id)).toBe(d.overruled);
      else expect({ ...o, overruled: null }, String(id)).toEqual(d);
    }
  });
});
