import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { loadCategoryDrill, loadLinePage, type LineSort } from '../../../src/core/analysis/views/index.js';
import { abortable, CancelledError } from '../../../src/core/db/abortable.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { trackWrites } from '../../../src/ui/workspace/write-tracker.js';

/**
 * A narrowed scope (a category, a supplier, a unit) is read from a kept copy of its lines (scope-table.ts):
 * the drill-down, the line page and each further page share it, and a page joins the invoice's columns for
 * its own lines. A search or a sort on those columns keeps a second copy with them.
 * The same lines read through a global filter (not narrowed: no kept copy) are the reference.
 */
describe('kept scope tables (Demo Kommune, 5,000 lines)', () => {
  const where = filtersWhere(EMPTY_FILTERS);
  let raw: DbConnector;
  /** The app's connector: writes counted (trackWrites), so what is kept until the next write is kept here too. */
  let db: DbConnector;
  /** Every statement sent, and an optional abort before the first one matching `abortAt`. */
  const asked: string[] = [];
  let abortAt: { controller: AbortController; at: RegExp } | null = null;
  const scopeTables = async () =>
    (await queryRows(raw, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_ovb\\_scope\\_%' ESCAPE '\\' ORDER BY 1`)).map((r) => String(r.table_name));

  beforeAll(async () => {
    raw = await openNodeWasmDb();
    await loadDemo(raw, 5000);
    await refreshAnalysis(raw);
    const wrap = <F extends (sql: string, ...rest: never[]) => Promise<unknown>>(f: F) =>
      ((sql: string, ...rest: never[]) => {
        asked.push(sql);
        if (abortAt?.at.test(sql)) abortAt.controller.abort();
        return f(sql, ...rest);
      }) as F;
    db = trackWrites({ ...raw, runtime: raw.runtime, query: wrap(raw.query.bind(raw)), exec: wrap(raw.exec.bind(raw)), exportArrow: wrap(raw.exportArrow.bind(raw)) }).db;
  });
  afterAll(() => raw?.close());

  it('pages of a category equal the same lines read through the global category filter, in every sort', async () => {
    const narrowed = { where, categoryId: 'it' };
    const reference = { where: filtersWhere({ ...EMPTY_FILTERS, category: 'it' }) };
    for (const sort of ['amount', 'date', 'document', 'description', 'supplier'] as LineSort[]) {
      for (const offset of [0, 40]) {
        const got = await loadLinePage(db, narrowed, { sort, offset, limit: 40 });
        const want = await loadLinePage(db, reference, { sort, offset, limit: 40 });
        expect(got, `${sort} ${offset}`).toEqual(want);
        expect(got.rows.length).toBeGreaterThan(0);
        expect(got.rows.every((r) => r.description !== null || r.documentId !== null)).toBe(true);
      }
    }
    const search = await loadLinePage(db, narrowed, { search: 'a', limit: 30 });
    expect(search).toEqual(await loadLinePage(db, reference, { search: 'a', limit: 30 }));
    expect(search.total).toBeGreaterThan(0);
  });

  it('the drill-down, its line page and the next pages make one copy of the scope and then read only it', async () => {
    const scope = { where, categoryId: 'office' };
    const before = await scopeTables();
    asked.length = 0;
    // Asked at the same time, as the Categories screen does on a click.
    const [drill, first] = await Promise.all([loadCategoryDrill(db, scope), loadLinePage(db, scope, { limit: 25 })]);
    expect(first.total).toBe(drill.lines);
    expect(first.spend).toBeCloseTo(drill.spend, 2);
    const created = asked.filter((s) => /CREATE TEMP TABLE "_ovb_scope_/.test(s));
    expect(created).toHaveLength(1);
    const after = await scopeTables();
    expect(after.length).toBe(before.length + 1);
    asked.length = 0;
    const second = await loadLinePage(db, scope, { offset: 25, limit: 25 });
    expect(second.rows.map((r) => r.lineId)).not.toEqual(first.rows.map((r) => r.lineId));
    // The next page reads the kept copy, not the shared table; spend_line only for the page's own lines.
    const reads = asked.filter((s) => /^\s*(WITH|SELECT)/.test(s) && !/duckdb_tables\(\)|information_schema|duckdb_columns/.test(s));
    expect(reads.length).toBeGreaterThan(0);
    for (const s of reads) {
      expect(s).not.toMatch(/_ovb_lines_all_/);
      if (/\bspend_line\b/.test(s)) expect(s).toMatch(/LIMIT 25 OFFSET 25\) l JOIN spend_line s/);
    }
    expect(asked.filter((s) => /CREATE TEMP TABLE/.test(s))).toEqual([]);

    // A search reads the invoice's columns of every line in scope: kept once, then read by the next search.
    asked.length = 0;
    const found = await loadLinePage(db, scope, { search: 'a', limit: 25 });
    expect(found.total).toBeGreaterThan(0);
    expect(asked.filter((s) => /CREATE TEMP TABLE "_ovb_scope_.*JOIN spend_line/s.test(s))).toHaveLength(1);
    asked.length = 0;
    const byText = await loadLinePage(db, scope, { sort: 'description', search: 'e', limit: 25 });
    expect(byText.rows.length).toBeGreaterThan(0);
    expect(asked.filter((s) => /CREATE TEMP TABLE/.test(s))).toEqual([]);
    expect(asked.filter((s) => /^\s*(WITH|SELECT)/.test(s) && /\bspend_line\b/.test(s))).toEqual([]);
  });

  it('keeps a few scopes, and a new state of the data drops the copies of the old one', async () => {
    for (const categoryId of ['it', 'office', 'food', 'transport', null]) await loadLinePage(db, { where, categoryId }, { limit: 5 });
    expect((await scopeTables()).length).toBeLessThanOrEqual(3);
    const kept = await scopeTables();
    // A rule edit re-classifies: a new shared table, so the kept copies are of no use any more.
    await db.exec(`UPDATE classification SET category_id = 'office.supplies' WHERE line_id = (SELECT min(line_id) FROM classification WHERE category_id LIKE 'it%' AND accepted)`);
    const page = await loadLinePage(db, { where, categoryId: 'office' }, { limit: 5 });
    expect(page.total).toBeGreaterThan(0);
    const now = await scopeTables();
    expect(now.some((t) => kept.includes(t))).toBe(false);
    expect(now).toHaveLength(1);
  });

  it('a copy stopped while it is made, or lost in a rollback, is made again by the next reader', async () => {
    const scope = { where, supplierKey: String((await queryRows(db, `SELECT supplier_key FROM spend_line GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))[0]?.supplier_key) };
    const controller = new AbortController();
    abortAt = { controller, at: /CREATE TEMP TABLE "_ovb_scope_/ };
    await expect(loadLinePage(abortable(db, controller.signal), scope, { limit: 10 })).rejects.toBeInstanceOf(CancelledError);
    abortAt = null;
    const page = await loadLinePage(db, scope, { limit: 10 });
    expect(page.rows.length).toBe(10);
    expect(page).toEqual(await loadLinePage(db, { where: `${where} AND supplier_key = '${scope.supplierKey}'` }, { limit: 10 }));

    const unit = String((await queryRows(db, `SELECT unit FROM spend_line WHERE unit IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))[0]?.unit);
    await db.exec('BEGIN TRANSACTION');
    const inside = await loadCategoryDrill(db, { where, unit });
    await db.exec('ROLLBACK');
    const again = await loadCategoryDrill(db, { where, unit });
    expect(again).toEqual(inside);
    expect(again.lines).toBeGreaterThan(0);
  });
});
