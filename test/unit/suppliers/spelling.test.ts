import { describe, expect, it } from 'vitest';
import { bothEngines } from '../../support/engines.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { spellingSql } from '../../../src/core/suppliers/spelling.js';

// Rows in an order that puts the tie's alphabetically first spelling first, and many more keys than
// one thread aggregates alone, so an order-dependent choice (mode()) would show.
const ROWS = [
  ...Array.from({ length: 3000 }, (_, i) => [`k${i}`, i % 2 ? 'Beta ApS' : 'Alfa ApS']),
  ['tie', 'DATA ALLIANCE INC'], ['tie', 'DATA ALLIANCE LLC'], ['tie', 'DATA ALLIANCE INC'], ['tie', 'DATA ALLIANCE LLC'],
  ['most', 'Hansen'], ['most', 'HANSEN'], ['most', 'HANSEN'], ['most', null],
  ['none', null],
];

async function spellings(db: DbConnector): Promise<Record<string, unknown>[]> {
  await db.exec('CREATE OR REPLACE TEMP TABLE s (supplier_key VARCHAR, supplier_name VARCHAR)');
  await db.exec(`INSERT INTO s VALUES ${ROWS.map(([k, n]) => `('${k}', ${n === null ? 'NULL' : `'${n}'`})`).join(', ')}`);
  return queryRows(db, `SELECT * FROM (${spellingSql('s')}) WHERE supplier_key IN ('tie', 'most', 'none', 'k1', 'k2') ORDER BY 1`);
}

describe("a supplier's name from its lines", () => {
  const engines = bothEngines();

  it('is the most frequent spelling, a tie to the last alphabetically, the same on both engines', async () => {
    const expected = [
      { supplier_key: 'k1', name: 'Beta ApS' },
      { supplier_key: 'k2', name: 'Alfa ApS' },
      { supplier_key: 'most', name: 'HANSEN' },
      { supplier_key: 'tie', name: 'DATA ALLIANCE LLC' },
    ];
    // A key with no name at all has no row (callers join it and keep their own fallback).
    expect(await spellings(engines.wasm)).toEqual(expected);
    expect(await spellings(engines.native)).toEqual(expected);
  });
});
