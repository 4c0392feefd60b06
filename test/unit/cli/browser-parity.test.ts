import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../../src/cli/analyze.js';
import { openNativeDb } from '../../../src/cli/db/native-connector.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { fixtureFile } from '../../support/fixtures.js';
import { expectSameResult, spellingsIn, type Spellings } from './same-result.js';

// Two real files of different shape (US: comma, M/D/Y dates, names padded with spaces; UK: its own
// columns), imported together as one analysis.
const FILES = ['us_scottsdale_vendor_payments.csv', 'uk_sheffield_spend_2017q1.csv'].map((n) => ({ path: fixtureFile(`real/${n}`) }));

async function run(open: () => Promise<DbConnector>): Promise<{ json: unknown; spellings: Spellings }> {
  const db = await open();
  try {
    const result: AnalyzeResult = await analyze(db, { files: FILES }, () => undefined);
    return { json: JSON.parse(JSON.stringify(result)), spellings: await spellingsIn(db) };
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
    // Whole JSON, every number exact (amounts are DECIMAL in both). The one tolerance is a supplier
    // name where two spellings are equally frequent (see expectSameResult): Scottsdale has
    // "DATA ALLIANCE INC" and "DATA ALLIANCE LLC" twice each under one key.
    const tolerated = expectSameResult(native.json, wasm.json, native.spellings);
    expect(tolerated.length).toBeLessThanOrEqual(3);
  });
});

describe('expectSameResult', () => {
  const result = (name: string) => ({ totals: { spend: 10 }, opportunities: [{ kind: 'tender', suppliers: [{ key: 'name:acme', name, spend: 4 }] }] });
  it('lets a supplier name differ only where the data shows two equally frequent spellings', () => {
    const tie = new Map([['name:acme', new Map([['ACME INC', 2], ['ACME LLC', 2]])]]);
    expect(expectSameResult(result('ACME INC'), result('ACME LLC'), tie)).toEqual(['name:acme: ACME INC | ACME LLC']);
    const noTie = new Map([['name:acme', new Map([['ACME INC', 3], ['ACME LLC', 2]])]]);
    expect(() => expectSameResult(result('ACME LLC'), result('ACME INC'), noTie)).toThrow();
    // Anything else that differs still fails.
    expect(() => expectSameResult({ ...result('ACME INC'), totals: { spend: 11 } }, result('ACME LLC'), tie)).toThrow();
  });
});
