import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isParquet, ParquetFormatError, readParquet, unsupportedCodecMessage } from '../../../../src/core/import/parquet/index.js';
import { canonicalNumber } from '../../../../src/core/import/xlsx/canonical.js';

/**
 * Parquet files are written by native DuckDB (parquet built in, no network) and read back both
 * by our reader and by DuckDB itself; the two must agree text for text.
 */
const ROWS = 10_000;
const SOURCE = `
  SELECT
    i::BIGINT AS id,
    CASE WHEN i % 97 = 0 THEN NULL ELSE 'Leverandør ' || (i % 50) || ' æøå ÆØÅ' END AS supplier,
    CASE WHEN i % 89 = 0 THEN NULL
         WHEN i = 1 THEN 9999999999999999.99::DECIMAL(18,2)
         WHEN i = 2 THEN -9999999999999999.99::DECIMAL(18,2)
         WHEN i = 3 THEN -0.05::DECIMAL(18,2)
         ELSE (((i * 7919) % 2000000 - 1000000) / 100.0)::DECIMAL(18,2) END AS amount,
    CASE WHEN i % 83 = 0 THEN NULL ELSE DATE '1969-12-25' + (i % 20000)::INTEGER END AS invoice_date,
    CASE WHEN i % 79 = 0 THEN NULL
         WHEN i % 5 = 0 THEN TIMESTAMP '1965-06-01 12:00:00.5' + INTERVAL (i) SECOND
         ELSE TIMESTAMP '2024-01-01 00:00:00.123456' + INTERVAL (i * 3671) SECOND END AS booked_at,
    CASE WHEN i % 73 = 0 THEN NULL ELSE i::BIGINT * 1000003 * 1000003 END AS big,
    CASE WHEN i % 71 = 0 THEN NULL ELSE i * 1.1::DOUBLE - 5000 END AS ratio,
    CASE WHEN i % 67 = 0 THEN NULL ELSE i % 2 = 0 END AS flag
  FROM range(1, ${ROWS + 1}) t(i)`;

const AS_TEXT = `
  SELECT id::VARCHAR, supplier, amount::VARCHAR, invoice_date::VARCHAR,
         strftime(booked_at, '%Y-%m-%d %H:%M:%S'), big::VARCHAR, ratio, flag::VARCHAR
  FROM read_parquet(?)`;

describe('parquet reader (files written by native DuckDB)', () => {
  let dir: string;
  let con: DuckDBConnection;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'overblik-parquet-'));
    const instance = await DuckDBInstance.create(':memory:');
    con = await instance.connect();
    for (const codec of ['snappy', 'zstd', 'gzip', 'uncompressed']) {
      files[codec] = join(dir, `${codec}.parquet`);
      // Small row groups so the reader has to stitch chunks together.
      await con.run(`COPY (${SOURCE}) TO '${files[codec]}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048)`);
    }
  });
  afterAll(() => {
    con?.closeSync();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function expected(path: string) {
    const prepared = await con.prepare(AS_TEXT);
    prepared.bindVarchar(1, path);
    return (await prepared.runAndReadAll()).getRowsJS();
  }

  it.each(['snappy', 'zstd', 'gzip', 'uncompressed'])('%s: every value equals DuckDB’s own reading', async (codec) => {
    const path = files[codec] as string;
    const bytes = new Uint8Array(readFileSync(path));
    expect(isParquet(bytes)).toBe(true);
    const table = await readParquet(bytes);
    expect(table.headers).toEqual(['id', 'supplier', 'amount', 'invoice_date', 'booked_at', 'big', 'ratio', 'flag']);
    expect(table.rowCount).toBe(ROWS);
    expect(table.warnings).toEqual([]);

    const rows = await expected(path);
    expect(rows.length).toBe(ROWS);
    const mismatches: string[] = [];
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        const got = table.columns[c]?.[r];
        // DuckDB prints doubles its own way ("-4998.9", "11000.0"); compare after our rendering.
        const want = c === 6 && typeof value === 'number' ? canonicalNumber(value) : (value as string | null);
        if (got !== want) mismatches.push(`row ${r} ${table.headers[c]}: got ${got} want ${want}`);
      });
    });
    expect(mismatches.slice(0, 10)).toEqual([]);

    // Spot checks of the awkward cases.
    const amount = table.columns[2] ?? [];
    expect(amount.slice(0, 3)).toEqual(['9999999999999999.99', '-9999999999999999.99', '-0.05']);
    expect(table.columns[1]?.[0]).toBe('Leverandør 1 æøå ÆØÅ');
    expect(table.columns[1]?.[96]).toBeNull();
    expect(table.columns[4]?.[4]).toBe('1965-06-01 12:00:05');
    expect(table.columns[6]?.[2]).toBe('-4996.7');
    expect(table.columns[7]?.slice(0, 2)).toEqual(['false', 'true']);
  });

  it('reads DuckDB’s other types: float, time, timestamptz, lists as JSON', async () => {
    const path = join(dir, 'types.parquet');
    await con.run(
      `COPY (SELECT 1.1::FLOAT AS f, TIME '12:34:56.789' AS t, TIMESTAMPTZ '2024-01-01 10:00:00+00' AS tz,
             12.5::DECIMAL(4,1) AS d4, 1.5::DECIMAL(38,10) AS d38, [1, 2] AS li, 200::UTINYINT AS u)
       TO '${path}' (FORMAT parquet)`,
    );
    const table = await readParquet(new Uint8Array(readFileSync(path)));
    expect(table.columns).toEqual([['1.1'], ['12:34:56'], ['2024-01-01 10:00:00'], ['12.5'], ['1.5000000000'], ['[1,2]'], ['200']]);
    expect(table.warnings).toEqual(['Kolonnen "li" er sammensat (liste eller struktur) og er læst som JSON-tekst.']);
  });

  it('rejects what it cannot read with a clear Danish message', async () => {
    expect(isParquet(new TextEncoder().encode('a;b\n1;2'))).toBe(false);
    await expect(readParquet(new TextEncoder().encode('a;b\n1;2'))).rejects.toThrow(ParquetFormatError);
    const bytes = new Uint8Array(readFileSync(files.snappy as string));
    // Intact magic numbers, but the footer is gone.
    const broken = new Uint8Array([...bytes.subarray(0, 100), ...bytes.subarray(bytes.length - 8)]);
    await expect(readParquet(broken)).rejects.toThrow(/Parquet-filen/);
    expect(unsupportedCodecMessage(['SNAPPY', 'ZSTD', 'GZIP'])).toBeNull();
    expect(unsupportedCodecMessage(['SNAPPY', 'LZO'])).toBe(
      'Parquet-filen bruger komprimeringen LZO, som Overblik ikke kan læse i browseren – brug kommandolinjeværktøjet eller gem filen med Snappy.',
    );
  });
});
