import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateToDirectory } from '../../../src/cli/gen.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import type { Manifest } from '../../../src/core/gen/index.js';
import type { FileSummary } from '../../../src/core/import/csv-import.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { literal } from '../../../src/core/sql/escape.js';
import { supplierKeySql } from '../../../src/core/suppliers/name-key.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';

const NO_PARSERS = {} as Parsers;

/** Imports files through the real path (plan + execute), as load-demo.ts does. */
export async function importFiles(db: DbConnector, files: { name: string; bytes: Uint8Array }[]): Promise<FileSummary[]> {
  const out: FileSummary[] = [];
  for (const f of files) {
    const source = bytesSource(f.name, f.bytes);
    const outcome = await executeImport(db, source, await planImport(source, NO_PARSERS));
    out.push(outcome.summary);
  }
  return out;
}

/**
 * Fills `classification` from the generator's ground truth (truth.csv = file,row,category_id),
 * so the analysis is tested independently of classification quality.
 */
export async function classifyFromTruth(db: DbConnector, truthCsv: Uint8Array): Promise<number> {
  await db.registerFile('truth.csv', truthCsv);
  await db.exec('DELETE FROM classification');
  await db.exec(
    `INSERT INTO classification (line_id, category_id, rule_id, method, confidence)
     SELECT s.line_id, t.category_id, NULL, 'truth', 1.0
       FROM spend_line s
       JOIN read_csv('truth.csv', header = true, columns = {'file': 'VARCHAR', 'row': 'BIGINT', 'category_id': 'VARCHAR'}) t
         ON s.file = t.file AND s."row" = t."row"`,
  );
  await db.dropFile('truth.csv');
  const rows = await db.query('SELECT count(*) AS n FROM classification');
  return Number(rows.getChildAt(0)?.get(0) ?? 0);
}

export interface DemoRun {
  manifest: Manifest;
  summaries: FileSummary[];
  classified: number;
  timings: Record<string, number>;
}

/** Generates Demo Kommune into a temporary folder, imports it and classifies it from the truth. */
export async function loadGeneratedDemo(db: DbConnector, lines: number, seed: string): Promise<DemoRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'overblik-analysis-'));
  const timings: Record<string, number> = {};
  try {
    let t = performance.now();
    const manifest = await generateToDirectory({ lines, seed, out: dir, formats: ['csv', 'ecommerce', 'contracts'], spend: 1e9, truth: true });
    timings.generate = performance.now() - t;
    await clearWorkspace(db);
    t = performance.now();
    const names = manifest.files.map((f) => f.name);
    const summaries = await importFiles(db, names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) })));
    timings.import = performance.now() - t;
    t = performance.now();
    const classified = await classifyFromTruth(db, new Uint8Array(readFileSync(path.join(dir, manifest.truth!.file))));
    timings.classify = performance.now() - t;
    return { manifest, summaries, classified, timings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LineSpec {
  amount: number;
  supplier: string;
  cvr?: string | null;
  unit?: string | null;
  date?: string;
  doc?: string;
  category?: string | null;
  account?: string | null;
  source?: 'invoice' | 'ecommerce';
  counted?: boolean;
  orderRef?: string | null;
  item?: string | null;
  price?: number | null;
  qty?: number | null;
  currency?: string;
}

/** Inserts hand-made lines (file 'test.csv', rows 1..n) and their classification. */
export async function insertLines(db: DbConnector, specs: readonly LineSpec[]): Promise<void> {
  const [first] = (await db.query('SELECT coalesce(max(line_id), 0) AS n FROM spend_line')).toArray() as { n: bigint | number }[];
  const start = Number(first?.n ?? 0) + 1;
  const values = specs.map((s, i) => {
    const id = start + i;
    return `(${id}, 1, 'test.csv', ${id}, ${literal(s.source ?? 'invoice')}, ${literal(s.doc ?? `D${id}`)}, ${literal(s.date ?? '2025-06-15')}::DATE,
      ${literal(s.cvr ?? null)}, ${literal(s.supplier)}, ${literal(s.unit === undefined ? 'U1' : s.unit)}, ${literal(s.account ?? null)},
      ${literal(s.item ?? null)}, ${literal(s.qty ?? null)}, ${literal(s.price ?? null)}, ${literal(s.amount)}, ${literal(s.currency ?? 'DKK')},
      ${literal(s.orderRef ?? null)}, ${literal(s.counted ?? true)})`;
  });
  await db.exec(
    `INSERT INTO spend_line (line_id, file_id, file, "row", source_kind, document_id, document_date, supplier_cvr, supplier_name, unit,
       account, item_number, quantity, unit_price, amount, currency, order_ref, counted) VALUES ${values.join(',\n')}`,
  );
  await db.exec(`UPDATE spend_line SET supplier_key = ${supplierKeySql('supplier_cvr', 'supplier_name')} WHERE supplier_key IS NULL`);
  const classified = specs.map((s, i) => [start + i, s.category ?? null] as const).filter(([, c]) => c !== null);
  if (classified.length) {
    await db.exec(
      `INSERT INTO classification (line_id, category_id, rule_id, method, confidence) VALUES ${classified.map(([id, c]) => `(${id}, ${literal(c)}, NULL, 'test', 1.0)`).join(', ')}`,
    );
  }
}
