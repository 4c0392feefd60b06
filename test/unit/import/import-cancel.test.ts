import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/db/abortable.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { directParsers } from '../../../src/core/import/direct-parsers.js';
import { BatchFailedError, importBatch, PHASE_SHARE, type BatchProgress } from '../../../src/core/import/import-batch.js';
import { linkEcommerce } from '../../../src/core/import/overlap.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource } from '../../../src/core/import/sources.js';
import { tableSignatures, workspaceTables } from '../../../src/core/workspace/file/catalog.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { fixtureBytes } from '../../support/fixtures.js';
import { openCoreDemo } from '../../support/core-demo.js';

/** Every table of the analysis by content, and whatever else is left in the catalog. */
async function state(db: DbConnector) {
  const tables = await queryRows(db, `SELECT table_name FROM duckdb_tables() WHERE NOT starts_with(table_name, '_ovb_') ORDER BY ALL`);
  return { signatures: await tableSignatures(db, await workspaceTables(db)), tables: tables.map((t) => String(t.table_name)) };
}

describe('"Annullér" during an import leaves the previous analysis as it was', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openCoreDemo(5000);
  });
  afterAll(() => db?.close());

  const sheffield = () => bytesSource('sheffield.csv', fixtureBytes('real/uk_sheffield_spend_2017q1.csv'));

  it('cancelled while reading, loading or analysing: CancelledError, nothing changed, no staging left; then it imports', async () => {
    const before = await state(db);
    const source = sheffield();
    const plan = await planImport(source, directParsers);
    for (const at of ['reading', 'loading', 'analysing'] as const) {
      const controller = new AbortController();
      const seen: BatchProgress[] = [];
      const run = importBatch(db, [{ source, plan }], {
        parsers: directParsers,
        signal: controller.signal,
        after: (_loaded, within) => refreshAnalysis(within),
        onProgress: (p) => {
          seen.push(p);
          if (p.step === at) controller.abort();
        },
      });
      await expect(run, at).rejects.toBeInstanceOf(CancelledError);
      expect(seen.at(-1)!.step, at).toBe(at);
      expect(await state(db), at).toEqual(before);
    }
    // The same plan, not cancelled: every step reported in order, the share done rising to the analysis.
    const seen: BatchProgress[] = [];
    const done = await importBatch(db, [{ source, plan }], { parsers: directParsers, after: (_l, within) => refreshAnalysis(within), onProgress: (p) => seen.push(p) });
    expect(done.failed).toEqual([]);
    expect(seen.map((p) => p.step)).toEqual(['reading', 'loading', 'analysing']);
    expect(seen.map((p) => p.done)).toEqual([0, PHASE_SHARE.reading, PHASE_SHARE.reading + PHASE_SHARE.loading]);
    expect(seen[0]!.rows).toBe(0);
    expect(seen[1]!.rows).toBe(done.loaded[0]!.outcome.summary.rowsRead);
    expect(seen[2]!.rows).toBe(done.loaded[0]!.outcome.summary.rowsLoaded);
    expect(done.loaded[0]!.outcome.summary.rowsLoaded).toBeGreaterThan(20_000);
    expect((await state(db)).signatures).not.toEqual(before.signatures);
  });

  it('committed in two steps (a large import): a cancelled or failed analysis takes the load back, and a finished one equals one transaction', async () => {
    // A workspace of its own: the test above imported this file already.
    const db = await openCoreDemo(5000);
    const other = await openCoreDemo(5000);
    try {
      const before = await state(db);
      expect(await state(other)).toEqual(before);
      const source = sheffield();
      const plan = await planImport(source, directParsers);
      const split = { parsers: directParsers, splitFromRows: 0 } as const;
      // Stopped at the start of the analysis, and at its 1st, 15th and 60th statement.
      for (const at of [0, 1, 15, 60]) {
        const controller = new AbortController();
        let statements = 0;
        const run = importBatch(db, [{ source, plan }], {
          ...split,
          signal: controller.signal,
          onProgress: (p) => {
            if (at === 0 && p.step === 'analysing') controller.abort();
          },
          after: (_loaded, within) => {
            const count = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => (...a: A) => {
              if (++statements === at) controller.abort();
              return f(...a);
            };
            return refreshAnalysis({ ...within, query: count(within.query.bind(within)), exec: count(within.exec.bind(within)) });
          },
        });
        await expect(run, `at ${at}`).rejects.toBeInstanceOf(CancelledError);
        expect(await state(db), `at ${at}`).toEqual(before);
      }
      // The analysis fails after all its writes: the error is the batch's, and nothing changed.
      const failing = importBatch(db, [{ source, plan }], {
        ...split,
        after: async (_loaded, within) => {
          await refreshAnalysis(within);
          throw new Error('analysis failed');
        },
      });
      await expect(failing).rejects.toBeInstanceOf(BatchFailedError);
      expect(await state(db)).toEqual(before);
      // Finished: the same workspace as the same import in one transaction (a second demo of the same seed).
      const done = await importBatch(db, [{ source, plan }], { ...split, after: (_l, within) => refreshAnalysis(within) });
      expect(done.loaded[0]!.outcome.summary.rowsLoaded).toBeGreaterThan(20_000);
      await importBatch(other, [{ source, plan }], { parsers: directParsers, after: (_l, within) => refreshAnalysis(within) });
      expect(await state(db)).toEqual(await state(other));
      expect(await state(db)).not.toEqual(before);
    } finally {
      await db.close();
      await other.close();
    }
  });

  it('committed in two steps, invoices that link e-commerce lines already loaded: a cancelled analysis puts their flags back', async () => {
    const db = await openCoreDemo(5000);
    try {
      // The demo's orders are nearly all invoiced already: take the invoices of 20 away (and analyse again), so
      // 21 orders (23 lines) are counted on their own; an invoice file with their order numbers links them.
      await db.exec(`DELETE FROM spend_line WHERE source_kind = 'invoice' AND order_ref IN (
                       SELECT order_ref FROM spend_line WHERE source_kind = 'ecommerce' AND NOT counted ORDER BY line_id LIMIT 20)`);
      await linkEcommerce(db);
      await refreshAnalysis(db);
      const orders = await queryRows(
        db,
        `SELECT order_ref, supplier_cvr, supplier_name, amount FROM spend_line
          WHERE source_kind = 'ecommerce' AND counted AND order_ref IS NOT NULL ORDER BY line_id`,
      );
      expect(orders.length).toBeGreaterThanOrEqual(21);
      const csv = [
        'Bilagsnr;Fakturadato;CVR-nr;Leverandør;Tekst;Beløb;Ordrenr',
        ...orders.map((o, i) => `${900_000 + i};15-06-2025;${String(o.supplier_cvr ?? '')};${String(o.supplier_name)};Faktura for ordre;${String(o.amount).replace('.', ',')};${String(o.order_ref)}`),
      ].join('\n');
      const source = bytesSource('ordrefakturaer.csv', new TextEncoder().encode(csv));
      const plan = { ...(await planImport(source, directParsers)), role: 'invoice' as const };
      const linked = async () => Number((await queryRows(db, 'SELECT count(*) AS n FROM spend_line WHERE NOT counted'))[0]!.n);
      const before = await state(db);
      const linkedBefore = await linked();
      const controller = new AbortController();
      const run = importBatch(db, [{ source, plan }], {
        parsers: directParsers,
        splitFromRows: 0,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.step === 'analysing') controller.abort();
        },
        after: (_l, within) => refreshAnalysis(within),
      });
      await expect(run).rejects.toBeInstanceOf(CancelledError);
      expect(await state(db)).toEqual(before);
      expect(await linked()).toBe(linkedBefore);
      // Not cancelled: the orders are linked, their spend counted once, on the invoice.
      const done = await importBatch(db, [{ source, plan }], { parsers: directParsers, splitFromRows: 0, after: (_l, within) => refreshAnalysis(within) });
      expect(done.loaded[0]!.outcome.summary.rowsLoaded).toBe(orders.length);
      expect(await linked()).toBe(linkedBefore + orders.length);
    } finally {
      await db.close();
    }
  });
});
