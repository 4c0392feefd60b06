import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { generateDemoFiles } from '../../../src/core/gen/demo.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';

describe('built-in demo: Demo Kommune through the real import path', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('loads invoices, e-commerce and contracts with nothing lost', async () => {
    const summaries = await loadDemo(db, 20_000);
    const { manifest } = generateDemoFiles({ lines: 20_000, seed: 'demo' });
    expect(summaries.map((s) => s.name)).toEqual(['fakturalinjer.csv', 'ehandel.csv', 'kontrakter.csv']);
    for (const s of summaries) expect(s.rowsLoaded + s.rowsRejected).toBe(s.rowsRead);
    const invoices = summaries[0]!;
    expect(invoices.rowsRead).toBe(20_000);
    // The generator plants empty texts and CVR mess, not unreadable amounts: every line loads.
    expect(invoices.rowsLoaded).toBe(20_000);
    const [files] = await queryRows(db, `SELECT count(*) AS n FROM import_file`);
    expect(files?.n).toBe(3);
    const [contracts] = await queryRows(db, `SELECT count(*) AS n FROM contract`);
    expect(Number(contracts?.n)).toBeGreaterThan(0);
    // E-commerce lines that were invoiced are linked on the order number and counted once.
    const [linked] = await queryRows(db, `SELECT count(*) AS n FROM spend_line WHERE NOT counted`);
    expect(Number(linked?.n)).toBeGreaterThan(0);
    const [ecom] = await queryRows(db, `SELECT count(*) FILTER (WHERE counted) AS counted FROM spend_line WHERE source_kind = 'ecommerce'`);
    expect(Number(ecom?.counted)).toBe(Number((manifest as unknown as { ecommerce: { linesNotInvoiced: number } }).ecommerce.linesNotInvoiced));
    // CPR numbers in social-services texts are masked before storage.
    const [cpr] = await queryRows(db, `SELECT count(*) AS n FROM spend_line WHERE regexp_matches(description, '[0-9]{6}-[0-9]{4}')`);
    expect(cpr?.n).toBe(0);
    expect(invoices.cprMasked).toBeGreaterThan(0);
  });
});
