import { expect } from 'vitest';
import type { DbConnector } from '../../../../src/core/db/connector.js';
import { queryRows } from '../../../../src/core/db/rows.js';
import { directParsers } from '../../../../src/core/import/direct-parsers.js';
import { importBatch } from '../../../../src/core/import/import-batch.js';
import { ImportProblem, type ProblemCode } from '../../../../src/core/import/import-problem.js';
import { planImport } from '../../../../src/core/import/plan.js';
import { bytesSource } from '../../../../src/core/import/sources.js';

/** One bad or odd input and what must come of it. */
export interface CorpusCase {
  name: string;
  file: string;
  bytes: () => Uint8Array;
  expect: Refused | Loaded;
}

interface Refused {
  refused: ProblemCode;
}

export interface Loaded {
  read: number;
  loaded: number;
  /** Every reject, as [data row, reason], in row order; none when left out. */
  rejects?: [number, string][];
  /** The loaded amount in øre, summed independently of the importer. */
  amountOre: bigint;
  encoding?: string;
  /** Plan note codes that must be among the plan's notes. */
  notes?: string[];
  /** Loaded values per column, in row order. */
  texts?: Record<string, string[]>;
  lengths?: Record<string, number[]>;
  rows?: number[];
  rowText?: { row: number; supplier_name: string };
  headers?: number;
  headerNames?: string[];
  rawContains?: string[];
  rawLacks?: string[];
  /** For formats that say where a row came from (a ZIP of invoices): the `file` values. */
  files?: string[];
}

/** Imports one case into an emptied workspace and checks every expectation; refused files must leave nothing. */
export async function runCase(db: DbConnector, c: CorpusCase): Promise<void> {
  const source = bytesSource(c.file, c.bytes());
  let failure: unknown = null;
  let plan: Awaited<ReturnType<typeof planImport>> | null = null;
  try {
    plan = await planImport(source, directParsers);
    const result = await importBatch(db, [{ source, plan }], { parsers: directParsers });
    failure = result.failed[0]?.error ?? null;
  } catch (error) {
    failure = error;
  }
  const [files] = await queryRows(db, 'SELECT count(*) AS n FROM import_file');
  if ('refused' in c.expect) {
    expect(failure, `${c.name}: expected a refusal`).toBeInstanceOf(ImportProblem);
    expect((failure as ImportProblem).code).toBe(c.expect.refused);
    expect((failure as ImportProblem).file).toBe(c.file);
    expect(files?.n, 'a refused file loads nothing').toBe(0);
    return;
  }
  if (failure) throw failure;
  const e = c.expect;
  const [f] = await queryRows(db, `SELECT rows_read, rows_loaded, rows_rejected, encoding FROM import_file`);
  expect({ read: f?.rows_read, loaded: f?.rows_loaded }).toEqual({ read: e.read, loaded: e.loaded });
  expect(Number(f?.rows_read)).toBe(Number(f?.rows_loaded) + Number(f?.rows_rejected));
  const rejects = await queryRows(db, `SELECT "row", reason, raw FROM import_reject ORDER BY "row"`);
  expect(rejects.map((r) => [r.row, r.reason])).toEqual(e.rejects ?? []);
  const [sum] = await queryRows(db, `SELECT (coalesce(sum(amount), 0) * 100)::HUGEINT::VARCHAR AS ore, count(*) AS n FROM spend_line`);
  expect(BigInt(String(sum?.ore))).toBe(e.amountOre);
  expect(sum?.n).toBe(e.loaded);
  if (e.encoding) expect(f?.encoding).toBe(e.encoding);
  for (const note of e.notes ?? []) expect(plan!.notes.map((n) => n.code)).toContain(note);
  for (const [column, values] of Object.entries(e.texts ?? {})) {
    const rows = await queryRows(db, `SELECT ${column} AS v FROM spend_line ORDER BY "row"`);
    expect(rows.map((r) => r.v)).toEqual(values);
  }
  for (const [column, values] of Object.entries(e.lengths ?? {})) {
    const rows = await queryRows(db, `SELECT length(${column}) AS v FROM spend_line ORDER BY "row"`);
    expect(rows.map((r) => r.v)).toEqual(values);
  }
  if (e.rows) expect((await queryRows(db, `SELECT "row" FROM spend_line ORDER BY "row"`)).map((r) => r.row)).toEqual(e.rows);
  if (e.rowText) {
    const [row] = await queryRows(db, `SELECT supplier_name FROM spend_line WHERE "row" = ${e.rowText.row}`);
    expect(row?.supplier_name).toBe(e.rowText.supplier_name);
  }
  if (e.headers !== undefined) expect(plan!.headers).toHaveLength(e.headers);
  if (e.headerNames) expect(plan!.headers).toEqual(e.headerNames);
  const raw = rejects.map((r) => String(r.raw)).join('\n');
  for (const text of e.rawContains ?? []) expect(raw).toContain(text);
  for (const text of e.rawLacks ?? []) expect(raw).not.toContain(text);
  if (e.files) expect((await queryRows(db, `SELECT DISTINCT file FROM spend_line ORDER BY file`)).map((r) => r.file)).toEqual(e.files);
}
