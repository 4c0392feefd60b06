import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { loadCategoryDrill, loadLinePage, loadSupplierBreakdown, type LineSort } from '../../../src/core/analysis/views/index.js';
import { abortable, CancelledError } from '../../../src/core/db/abortable.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { trackWrites } from '../../../src/ui/workspace/write-tracker.js';

/**
 * A narrowed scope (a category, a supplier, a unit) under whole months, a unit or no filter is read from
 * groups kept with the shared lines and from the shared table itself: nothing is copied. Under any other
 * filter its figures read a kept copy of its lines (scope-table.ts). A search or a sort on the invoice's
 * own columns keeps a copy with them. A page joins those columns for its own lines.
 * The same lines read through a global filter (not narrowed: no kept copy) are the reference.
 */
describe('kept scope tables (Demo Kommune, 5,000 lines)', () => {
  const where = filtersWhere(EMPTY_FILTERS);
  /** A period that cuts a month: the kept groups do not answer it, so a drill-down copies its scope. */
  const cut = filtersWhere({ ...EMPTY_FILTERS, from: '2024-01-02' });
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

  it('under whole months, a unit or no filter the drill-down and its first page copy nothing; the next pages share one copy', async () => {
    for (const w of [where, filtersWhere({ ...EMPTY_FILTERS, from: '2024-05-01', to: '2025-02-28' })]) {
      const scope = { where: w, categoryId: 'office' };
      asked.length = 0;
      const [drill, first] = await Promise.all([loadCategoryDrill(db, scope), loadLinePage(db, scope, { limit: 25 })]);
      expect(first.total).toBe(drill.lines);
      expect(first.spend).toBeCloseTo(drill.spend, 2);
      expect(asked.filter((s) => /CREATE TEMP TABLE "_ovb_scope_/.test(s))).toEqual([]);
      expect(asked.some((s) => /_ovb_lines_all_[^"]*_groups"/.test(s))).toBe(true);
      asked.length = 0;
      const second = await loadLinePage(db, scope, { offset: 25, limit: 25 });
      const third = await loadLinePage(db, scope, { offset: 50, limit: 25 });
      expect(second.rows.map((r) => r.lineId)).not.toEqual(first.rows.map((r) => r.lineId));
      expect(third.rows.map((r) => r.lineId)).not.toEqual(second.rows.map((r) => r.lineId));
      expect(asked.filter((s) => /CREATE TEMP TABLE "_ovb_scope_/.test(s))).toHaveLength(1);
      // spend_line only for a page's own lines.
      for (const s of asked.filter((x) => /^\s*(WITH|SELECT)/.test(x) && /\bspend_line\b/.test(x))) expect(s).toMatch(/LIMIT 25 OFFSET (25|50)\) l JOIN spend_line s/);
    }
  });

  it('the kept groups and the copied lines give the same drill-down, supplier breakdown and first page', async () => {
    const [top] = await queryRows(raw, `SELECT supplier_key, unit FROM spend_line WHERE counted GROUP BY ALL ORDER BY count(*) DESC LIMIT 1`);
    const unit = String(top!.unit);
    const supplierKey = String(top!.supplier_key);
    const filters = [where, filtersWhere({ ...EMPTY_FILTERS, from: '2024-04-01', to: '2025-03-31' }), filtersWhere({ ...EMPTY_FILTERS, unit }),
      filtersWhere({ ...EMPTY_FILTERS, to: '2024-12-31', unit })];
    for (const w of filters) {
      for (const narrowed of [{ categoryId: 'office' }, { categoryId: 'it.hardware' }, { categoryId: null }, { supplierKey }, { unit }]) {
        // The same lines through a condition the groups do not answer: read from a copy of the scope.
        const copied = { where: `${w} AND TRUE`, ...narrowed };
        const grouped = { where: w, ...narrowed };
        const label = JSON.stringify(grouped);
        expect(await loadCategoryDrill(db, grouped), label).toEqual(await loadCategoryDrill(db, copied));
        for (const offset of [0, 20]) expect(await loadLinePage(db, grouped, { limit: 20, offset }), label).toEqual(await loadLinePage(db, copied, { limit: 20, offset }));
        if (narrowed.supplierKey !== undefined) {
          const key = narrowed.supplierKey;
          expect(await loadSupplierBreakdown(db, { ...grouped, supplierKey: key }), label).toEqual(await loadSupplierBreakdown(db, { ...copied, supplierKey: key }));
        }
      }
    }
  });

  it('under any other filter the drill-down makes one copy of the scope and then reads only it; a search keeps one with the invoice columns', async () => {
    const scope = { where: cut, categoryId: 'office' };
    asked.length = 0;
    const drill = await loadCategoryDrill(db, scope);
    expect(drill.lines).toBeGreaterThan(0);
    const made = asked.filter((s) => /CREATE TEMP TABLE "_ovb_scope_/.test(s));
    expect(made).toHaveLength(1);
    expect(await scopeTables()).toContain(/"(_ovb_scope_[^"]+)"/.exec(made[0]!)![1]);
    asked.length = 0;
    expect(await loadCategoryDrill(db, scope)).toEqual(drill);
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
    for (const categoryId of ['it', 'office', 'food', 'transport', null]) await loadCategoryDrill(db, { where: cut, categoryId });
    expect((await scopeTables()).length).toBeLessThanOrEqual(3);
    const kept = await scopeTables();
    // A rule edit re-classifies: a new shared table, so the kept copies are of no use any more.
    await db.exec(`UPDATE classification SET category_id = 'office.supplies' WHERE line_id = (SELECT min(line_id) FROM classification WHERE category_id LIKE 'it%' AND accepted)`);
    const again = await loadCategoryDrill(db, { where: cut, categoryId: 'office' });
    expect(again.lines).toBeGreaterThan(0);
    const now = await scopeTables();
    expect(now.some((t) => kept.includes(t))).toBe(false);
    expect(now).toHaveLength(1);
  });

  it('a copy stopped while it is made, or lost in a rollback, is made again by the next reader', async () => {
    const scope = { where: cut, supplierKey: String((await queryRows(db, `SELECT supplier_key FROM spend_line GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))[0]?.supplier_key) };
    const controller = new AbortController();
    abortAt = { controller, at: /CREATE TEMP TABLE "_ovb_scope_/ };
    await expect(loadSupplierBreakdown(abortable(db, controller.signal), scope)).rejects.toBeInstanceOf(CancelledError);
    abortAt = null;
    const breakdown = await loadSupplierBreakdown(db, scope);
    expect(breakdown.lines).toBeGreaterThan(0);
    // The same through the kept groups (whole months: nothing copied).
    const grouped = await loadSupplierBreakdown(db, { ...scope, where: filtersWhere({ ...EMPTY_FILTERS, from: '2024-01-01' }) });
    expect(breakdown.byCategory.map((c) => [c.categoryId, c.lines])).not.toEqual([]);
    expect(grouped.lines).toBeGreaterThanOrEqual(breakdown.lines);

    const unit = String((await queryRows(db, `SELECT unit FROM spend_line WHERE unit IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))[0]?.unit);
    await db.exec('BEGIN TRANSACTION');
    const inside = await loadCategoryDrill(db, { where: cut, unit });
    await db.exec('ROLLBACK');
    const after = await loadCategoryDrill(db, { where: cut, unit });
    expect(after).toEqual(inside);
    expect(after.lines).toBeGreaterThan(0);
  });
});
