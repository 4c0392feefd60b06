import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { linkEcommerce } from '../../../src/core/import/overlap.js';
import { ensureSchema } from '../../../src/core/workspace/schema.js';

/** (line_id, source_kind, order_ref, amount) */
type Line = [number, 'invoice' | 'ecommerce', string | null, number];

describe('e-commerce lines linked to their invoice', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await ensureSchema(db);
  });
  afterAll(() => db?.close());

  const insert = (lines: Line[]) =>
    db.exec(
      `INSERT INTO spend_line (line_id, file_id, file, "row", source_kind, order_ref, supplier_name, amount)
       VALUES ${lines.map(([id, kind, ref, amount]) => `(${id}, ${kind === 'invoice' ? 1 : 2}, '${kind}.csv', ${id}, '${kind}', ${ref === null ? 'NULL' : `'${ref}'`}, 'Lev', ${amount})`).join(', ')}`,
    );
  const uncounted = async () => (await queryRows(db, `SELECT line_id FROM spend_line WHERE NOT counted ORDER BY 1`)).map((r) => Number(r.line_id));

  it('counts an invoiced order once, on the invoice, and again when the invoice is gone', async () => {
    await insert([[1, 'invoice', 'A-1', 100], [2, 'invoice', null, 50], [3, 'invoice', 'A-2', 70]]);
    // Invoices alone: every line counts.
    expect((await linkEcommerce(db)).linkedLines).toBe(0);
    expect(await uncounted()).toEqual([]);
    await insert([[11, 'ecommerce', 'A-1', 100], [12, 'ecommerce', 'B-9', 30], [13, 'ecommerce', null, 20], [14, 'ecommerce', 'A-2', 70]]);
    const linked = await linkEcommerce(db);
    expect(linked).toMatchObject({ linkedLines: 2, linkedAmount: 170 });
    expect(await uncounted()).toEqual([11, 14]);
    // Linking again changes nothing.
    expect((await linkEcommerce(db)).linkedLines).toBe(2);
    expect(await uncounted()).toEqual([11, 14]);
    // One invoice removed: its order's e-commerce line counts again; the other stays linked.
    await db.exec(`DELETE FROM spend_line WHERE line_id = 1`);
    expect((await linkEcommerce(db)).linkedLines).toBe(1);
    expect(await uncounted()).toEqual([14]);
    const [total] = await queryRows(db, `SELECT sum(amount)::DOUBLE AS s FROM spend_line WHERE counted`);
    expect(Number(total?.s)).toBe(50 + 70 + 100 + 30 + 20);
  });
});
