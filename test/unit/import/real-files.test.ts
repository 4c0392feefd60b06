import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { csvOracle } from '../../support/csv-oracle.js';
import { fixtureBytes, fixtureFile } from '../../support/fixtures.js';

const noParsers = {} as Parsers;

describe('real public spend files (CSV)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it.each([
    { file: 'uk_sheffield_spend_2017q1.csv', rows: 22388, amount: 'Invoiced Value', supplier: 'Supplier Name' },
    { file: 'us_scottsdale_vendor_payments.csv', rows: 23612, amount: 'PaymentAmount', supplier: 'VendorName' },
  ])('$file: every row loaded or rejected, amounts reconcile to the øre', async ({ file, rows, amount, supplier }) => {
    await clearWorkspace(db);
    const source = bytesSource(file, fixtureBytes(`real/${file}`));
    const plan = await planImport(source, noParsers);
    expect(plan.format).toBe('csv');
    expect(plan.layout.delimiter).toBe(',');
    expect(plan.layout.decimal).toBe('.');
    expect(plan.mapping.amount).toBe(amount);
    expect(plan.mapping.supplierName).toBe(supplier);
    const { summary } = await executeImport(db, source, plan);
    const oracle = csvOracle(fixtureFile(`real/${file}`), ',', amount, '.');
    expect(oracle.rows).toBe(rows);
    expect(summary.rowsRead).toBe(rows);
    expect(summary.rowsLoaded + summary.rowsRejected).toBe(summary.rowsRead);
    // These files are clean: every row has a supplier, a date and a parsable amount.
    expect(summary.rowsRejected).toBe(0);
    expect(oracle.parsable).toBe(rows);
    const [loaded] = await queryRows(db, `SELECT (sum(amount) * 100)::BIGINT::VARCHAR AS minor FROM spend_line`);
    expect(BigInt(String(loaded?.minor))).toBe(oracle.sumMinor);
    expect(Math.round(summary.amountLoaded * 100)).toBe(Number(oracle.sumMinor));
    // Dates are read (day-first is wrong for the US file: 8/14/2017 proves month-first).
    const [period] = await queryRows(db, `SELECT count(*) FILTER (WHERE coalesce(document_date, posting_date) IS NULL) AS undated FROM spend_line`);
    expect(period?.undated).toBe(0);
  });
});
