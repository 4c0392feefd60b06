import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateToDirectory } from '../../src/cli/gen.js';
import { EFFECTIVE_AGREEMENT_CATEGORIES_SQL } from '../../src/core/agreements/schema.js';
import { analysisForContract, type ContractAnalysis } from '../../src/core/analysis/opportunities/index.js';
import { coverage, type Coverage } from '../../src/core/classify/coverage.js';
import type { DbConnector } from '../../src/core/db/connector.js';
import { queryRows } from '../../src/core/db/rows.js';
import type { FjordbyManifest } from '../../src/core/gen/profiles/fjordby/manifest-types.js';
import { executeImport } from '../../src/core/import/import-file.js';
import { planImport } from '../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../src/core/import/sources.js';
import { defaultCategoryTree } from '../../src/core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../../src/core/workspace/refresh.js';
import { clearWorkspace } from '../../src/core/workspace/schema.js';
import { measureAccuracy, type Accuracy } from './accuracy.js';

/**
 * Fjordby Kommune (the second generator profile: its own suppliers, texts, units and an agreement
 * register in its own words) run through the command line's steps: import, refresh (suppliers,
 * classification with learned proposals accepted at `acceptLearned`, agreement mapping), analysis.
 * Scored against the manifest and truth.csv, which the app never reads.
 */
export interface FjordbyRun {
  manifest: FjordbyManifest;
  accuracy: Accuracy;
  coverage: Coverage;
  analysis: ContractAnalysis;
  /** Register rows whose agreement's categories (level 2, a level 1 expanded) equal the truth's. */
  mapping: { agreements: number; exact: number; wrong: { id: string; got: string[]; truth: string[] }[] };
  /** Expected findings not raised with their kind, and findings raised on well-bought categories. */
  missed: string[];
  onWellBought: string[];
}

export async function runFjordby(db: DbConnector, options: { lines: number; seed: string; acceptLearned?: number; acceptRefine?: number }): Promise<FjordbyRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'overblik-fjordby-'));
  try {
    const manifest = (await generateToDirectory({
      profile: 'fjordby', lines: options.lines, seed: options.seed, out: dir, formats: ['csv', 'contracts'], truth: true,
    })) as FjordbyManifest;
    await clearWorkspace(db);
    for (const f of manifest.files) {
      if (!f.name.endsWith('.csv')) continue;
      const source = bytesSource(f.name, new Uint8Array(readFileSync(path.join(dir, f.name))));
      await executeImport(db, source, await planImport(source, {} as Parsers));
    }
    await db.exec('DROP TABLE IF EXISTS truth');
    await db.registerFile('truth.csv', new Uint8Array(readFileSync(path.join(dir, manifest.truth!.file))));
    await db.exec(`CREATE TABLE truth AS SELECT * FROM read_csv('truth.csv', header = true, columns = {'file': 'VARCHAR', 'row': 'BIGINT', 'category_id': 'VARCHAR'})`);
    await db.dropFile('truth.csv');
    await refreshAnalysis(db, { acceptLearned: options.acceptLearned, acceptRefine: options.acceptRefine });
    const accuracy = await measureAccuracy(db);
    const cov = await coverage(db);
    const analysis = await analysisForContract(db);
    return { manifest, accuracy, coverage: cov, analysis, mapping: await scoreMapping(db, manifest), ...scoreFindings(manifest, analysis) };
  } finally {
    // The `truth` table stays for a caller that wants to look closer.
    rmSync(dir, { recursive: true, force: true });
  }
}

async function scoreMapping(db: DbConnector, manifest: FjordbyManifest): Promise<FjordbyRun['mapping']> {
  const tree = defaultCategoryTree();
  const children = (id: string) => {
    const kids = tree.categories.filter((c) => c.parent === id).map((c) => c.id);
    return kids.length ? kids : [id];
  };
  const rows = await queryRows(db, `SELECT agreement_key, list(category_id) AS c FROM (${EFFECTIVE_AGREEMENT_CATEGORIES_SQL}) GROUP BY 1`);
  const got = new Map(rows.map((r) => [String(r.agreement_key), [...new Set((r.c as string[]).flatMap(children))].sort()]));
  const truth = new Map<string, string[]>();
  for (const r of manifest.register.rows) truth.set(r.agreementId.toLowerCase(), [...new Set([...(truth.get(r.agreementId.toLowerCase()) ?? []), ...r.categoryIds])].sort());
  const wrong: FjordbyRun['mapping']['wrong'] = [];
  for (const [id, want] of truth) {
    const have = got.get(id) ?? [];
    if (have.join() !== want.join()) wrong.push({ id, got: have, truth: want });
  }
  return { agreements: truth.size, exact: truth.size - wrong.length, wrong };
}

function scoreFindings(manifest: FjordbyManifest, analysis: ContractAnalysis): Pick<FjordbyRun, 'missed' | 'onWellBought'> {
  const raised = analysis.opportunities;
  const missed = manifest.planted.expected
    .filter((e) => !e.categoryIds.some((c) => raised.some((o) => o.categoryId === c && o.kind === e.kind)))
    .map((e) => `${e.key} (${e.kind} on ${e.categoryIds.join(', ')})`);
  const onWellBought = raised
    .filter((o) => manifest.planted.wellBought.includes(o.categoryId))
    .map((o) => `${o.kind}:${o.categoryId}`);
  return { missed, onWellBought };
}
