import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../../src/cli/analyze.js';
import { openNativeDb } from '../../../src/cli/db/native-connector.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { fixtureFile } from '../../support/fixtures.js';

// Two real files of different shape (US: comma, M/D/Y dates, names padded with spaces; UK: its own
// columns), imported together as one analysis.
const FILES = ['us_scottsdale_vendor_payments.csv', 'uk_sheffield_spend_2017q1.csv'].map((n) => ({ path: fixtureFile(`real/${n}`) }));

async function run(open: () => Promise<DbConnector>): Promise<{ json: unknown; spellings: unknown }> {
  const db = await open();
  try {
    const result: AnalyzeResult = await analyze(db, { files: FILES }, () => undefined);
    const spellings = await queryRows(db, `SELECT supplier_key, supplier_name, count(*)::INTEGER AS n FROM spend_line WHERE counted GROUP BY ALL ORDER BY ALL`);
    return { json: JSON.parse(JSON.stringify(result)), spellings };
  } finally {
    await db.close();
  }
}

describe('the command line gives the same results as the browser', () => {
  it('analyze() on native DuckDB and on DuckDB-WASM (the browser engine, in Node): the same JSON', async () => {
    // diskSource hands the connectors a Blob read from disk: native DuckDB reads the file in place,
    // DuckDB-WASM gets its bytes (registerFileBuffer), as in the browser.
    const wasm = await run(openNodeWasmDb);
    const native = await run(() => openNativeDb());
    const json = native.json as AnalyzeResult;
    expect(json.files.map((f) => f.rowsLoaded)).toEqual([23612, 22388]);
    expect(json.opportunities.length).toBeGreaterThan(0);
    // The lines themselves came out the same in both.
    expect(native.spellings).toEqual(wasm.spellings);
    // Whole JSON, every number exact (amounts are DECIMAL in both), supplier names included:
    // Scottsdale has "DATA ALLIANCE INC" and "DATA ALLIANCE LLC" twice each under one key, and the
    // tie goes to the spelling last alphabetically on both engines (src/core/suppliers/spelling.ts).
    expect(native.json).toEqual(wasm.json);
    const named = json.opportunities.flatMap((o) => o.suppliers).filter((s) => s.name?.startsWith('DATA ALLIANCE'));
    expect(new Set(named.map((s) => s.name))).toEqual(new Set(['DATA ALLIANCE LLC']));
  });
});
