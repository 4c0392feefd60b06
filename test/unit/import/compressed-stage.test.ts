import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { WORKSPACE_CATALOG } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { stageCsv, type CsvReadOptions } from '../../../src/core/import/csv/read-csv.js';

/**
 * A large CSV is staged in the workspace's compressed database instead of a TEMP table
 * (read-csv.ts, COMPRESSED_STAGE_BYTES). Both ways must stage the same rows, row numbers and
 * rejects, also where a broken quote splits the read into segments and empty lines leave holes.
 */
describe('compressed staging of a CSV', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(async () => {
    await db.close();
  });

  const lines = ['Leverandør;Tekst;Beløb'];
  for (let i = 1; i <= 300; i++) {
    if (i === 40) lines.push('Broken A/S;"Skærm 27" Full HD;100,00');
    else if (i === 41) lines.push('');
    else if (i === 120) lines.push('Too;many;fields;here');
    else if (i === 200) lines.push('Again A/S;"ikke lukket;5,00');
    else lines.push(`Leverandør ${i % 17};"Vare ${i}; med semikolon";${i},${String(i % 100).padStart(2, '0')}`);
  }
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  const options: CsvReadOptions = {
    delimiter: ';', quote: '"', escape: '"', skip: 0, headers: ['Leverandør', 'Tekst', 'Beløb'], nullPadding: false,
    blankLines: [lines.indexOf('') + 1],
  };

  const stage = async (table: string, compressed: boolean) => {
    await db.registerFile(`${table}.csv`, bytes);
    const staged = await stageCsv(db, table, `${table}.csv`, bytes, { ...options, compressed });
    await db.dropFile(`${table}.csv`);
    const [where] = await queryRows(db, `SELECT database_name, temporary FROM duckdb_tables() WHERE table_name = '${table}'`);
    const rows = await queryRows(db, `SELECT * FROM "${table}" ORDER BY ${staged.rowColumn ? '__row' : 'rowid'}`);
    const leftovers = await queryRows(db, `SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '${table}_')`);
    await db.exec(`DROP TABLE "${table}"`);
    return { where, rows, staged, leftovers };
  };

  it('stages the same rows, row numbers and rejects either way', async () => {
    const plain = await stage('st_plain', false);
    const compressed = await stage('st_comp', true);
    expect(plain.where).toEqual({ database_name: 'temp', temporary: true });
    expect(compressed.where).toEqual({ database_name: WORKSPACE_CATALOG, temporary: false });
    expect(compressed.staged).toEqual(plain.staged);
    expect(compressed.rows).toEqual(plain.rows);
    // The damaged lines are refused, the rest kept with their own row numbers.
    expect(plain.staged.rowColumn).toBe(true);
    expect(plain.staged.rejects.length).toBeGreaterThanOrEqual(3);
    expect(plain.rows.length + plain.staged.rejects.length + 1).toBe(300);
    expect(plain.rows.find((r) => r.__row === 299)).toMatchObject({ Leverandør: 'Leverandør 10', Beløb: '299,99' });
    expect(compressed.leftovers).toEqual([]);
    expect(plain.leftovers).toEqual([]);
  });
});
