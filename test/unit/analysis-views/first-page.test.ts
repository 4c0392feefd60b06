import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { warmTopLines } from '../../../src/core/analysis/fragmentation/index.js';
import { loadCategoryDrill, loadLinePage, type DrillScope } from '../../../src/core/analysis/views/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { sql } from '../../../src/core/sql/escape.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';

/**
 * A first page in the default order (amount, largest first) is read from each category's kept top lines
 * when they hold it (every category in scope has all its lines there, or a page's worth that pass the
 * filter), else from the shared table. Either way it is the page SQL over spend_line and the decisions gives.
 */
describe('first pages from the kept top lines (Demo Kommune, 5,000 lines)', () => {
  let raw: DbConnector;
  let db: DbConnector;
  const asked: string[] = [];
  beforeAll(async () => {
    raw = await openNodeWasmDb();
    await loadDemo(raw, 5000);
    await refreshAnalysis(raw);
    const wrap = <F extends (sql: string, ...rest: never[]) => Promise<unknown>>(f: F) =>
      ((text: string, ...rest: never[]) => {
        asked.push(text);
        return f(text, ...rest);
      }) as F;
    db = { ...raw, runtime: raw.runtime, query: wrap(raw.query.bind(raw)), exec: wrap(raw.exec.bind(raw)) };
  });
  afterAll(() => raw?.close());

  /** The page straight from spend_line and the accepted decisions. */
  async function reference(scope: DrillScope, where: string, limit: number): Promise<number[]> {
    const category = scope.categoryId === undefined
      ? 'TRUE'
      : scope.categoryId === null
        ? 'c.category_id IS NULL'
        : sql`(c.category_id = ${scope.categoryId} OR starts_with(c.category_id, ${`${scope.categoryId}.`}))`;
    const unit = scope.unit === undefined ? 'TRUE' : sql`l.unit = ${scope.unit}`;
    // A supplier is its effective key: every raw key merged into it.
    const supplier = scope.supplierKey === undefined ? 'TRUE' : sql`l.supplier_key IN (SELECT key FROM supplier WHERE effective_key = ${scope.supplierKey})`;
    const rows = await queryRows(
      raw,
      `SELECT l.line_id FROM spend_line l LEFT JOIN (SELECT * FROM classification WHERE accepted IS NOT FALSE) c USING (line_id)
        WHERE ${where.replaceAll(/\b(counted|unit|document_date|posting_date)\b/g, 'l.$1')} AND ${category} AND ${unit} AND ${supplier}
        ORDER BY l.amount DESC, l.line_id DESC LIMIT ${limit}`,
    );
    return rows.map((r) => Number(r.line_id));
  }

  /**
   * The first page of `narrowed` under `where`, checked against the reference; `asked` then holds its statements, and
   * `scanned` says whether it read the shared table's lines instead of kept top lines.
   */
  async function checkedPage(where: string, narrowed: DrillScope, limit: number): Promise<{ label: string; scanned: boolean }> {
    asked.length = 0;
    const page = await loadLinePage(db, { where, ...narrowed }, { limit });
    const label = `${where} ${JSON.stringify(narrowed)} ${limit}`;
    expect(page.rows.map((r) => r.lineId), label).toEqual(await reference(narrowed, where, limit));
    return { label, scanned: asked.some((s) => /ORDER BY amount DESC NULLS LAST, line_id DESC LIMIT \d+ OFFSET 0\) l JOIN spend_line s/.test(s)) };
  }

  it('equals the page over spend_line for categories, the unclassified, all lines and a unit, under five filters', async () => {
    const units = await queryRows(raw, 'SELECT unit, count(*) AS n FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY n DESC, unit');
    const big = String(units[0]!.unit);
    const small = String(units.at(-1)!.unit);
    const filters = [
      filtersWhere(EMPTY_FILTERS),
      filtersWhere({ ...EMPTY_FILTERS, from: '2024-04-01', to: '2025-03-31' }),
      filtersWhere({ ...EMPTY_FILTERS, from: '2024-03-15' }),
      filtersWhere({ ...EMPTY_FILTERS, unit: big }),
      filtersWhere({ ...EMPTY_FILTERS, unit: small }),
    ];
    const scopes: DrillScope[] = [{ categoryId: 'office' }, { categoryId: 'it.hardware' }, { categoryId: 'food' }, { categoryId: null }, {}, { categoryId: 'office', unit: big }];
    let fromTops = 0;
    let fallback = 0;
    for (const where of filters) {
      for (const narrowed of scopes) {
        for (const limit of [25, 100]) {
          const { label, scanned } = await checkedPage(where, narrowed, limit);
          const viaTops = asked.some((s) => /_tops"/.test(s));
          expect(viaTops, label).toBe(true);
          // Without a filter every category in scope has a page's worth (or all its lines) in the top lines.
          if (where === filters[0] && narrowed.unit === undefined) expect(scanned, label).toBe(false);
          if (scanned) fallback++;
          else fromTops++;
        }
      }
    }
    // Both paths ran: the kept top lines for most scopes, the shared table where a small unit left too few there.
    expect(fromTops).toBeGreaterThan(20);
    expect(fallback).toBeGreaterThan(0);
  });

  it('a supplier, another sort or a later page never read the categories\' top lines', async () => {
    const [s] = await queryRows(raw, 'SELECT supplier_key FROM spend_line WHERE counted GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const where = filtersWhere(EMPTY_FILTERS);
    for (const [scope, request] of [
      [{ where, supplierKey: String(s!.supplier_key) }, { limit: 50 }],
      [{ where, categoryId: 'office' }, { sort: 'date' as const, limit: 50 }],
      [{ where, categoryId: 'office' }, { offset: 50, limit: 50 }],
      [{ where, categoryId: 'office' }, { limit: 150 }],
    ] as const) {
      asked.length = 0;
      const page = await loadLinePage(db, scope, request);
      expect(page.rows.length).toBeGreaterThan(0);
      expect(asked.some((x) => /_tops"/.test(x)), JSON.stringify(request)).toBe(false);
    }
  });

  it('in idle time the top lines are made ahead for the shared table there is, never that table itself', async () => {
    const where = filtersWhere(EMPTY_FILTERS);
    const made = (s: string) => /CREATE (OR REPLACE )?TEMP TABLE "_ovb_lines_all_[^"]*_tops"/.test(s);
    // A decision changes: the shared table there no longer stands for the data.
    await raw.exec(`UPDATE classification SET category_id = 'office.paper', accepted = TRUE
                     WHERE line_id = (SELECT min(line_id) FROM classification WHERE category_id IS DISTINCT FROM 'office.paper')`);
    asked.length = 0;
    expect(await warmTopLines(db)).toBe(false);
    expect(asked.some(made)).toBe(false);
    expect(asked.some((s) => /CREATE (OR REPLACE )?(TEMP )?TABLE "_ovb_lines_all_/.test(s))).toBe(false);
    // A screen makes the shared table (a drill-down does not need the top lines) ...
    await loadCategoryDrill(db, { where, categoryId: 'office' });
    asked.length = 0;
    expect(await warmTopLines(db)).toBe(true);
    expect(asked.filter(made)).toHaveLength(1);
    // ... and the first click then only reads them.
    asked.length = 0;
    const page = await loadLinePage(db, { where, categoryId: 'office' }, { limit: 20 });
    expect(page.rows.map((r) => r.lineId)).toEqual(await reference({ categoryId: 'office' }, where, 20));
    expect(asked.some(made)).toBe(false);
    expect(asked.some((s) => /_tops"/.test(s))).toBe(true);
  });

  it('a supplier\'s first page reads the suppliers\' top lines once idle time made them, never before, and equals the page over spend_line', async () => {
    const stops = (s: string) => /_stops"/.test(s);
    const madeStops = (s: string) => /CREATE (OR REPLACE )?TEMP TABLE "_ovb_lines_all_[^"]*_stops"/.test(s);
    const suppliers = await queryRows(
      raw,
      `SELECT effective_key AS k, sum(lines) AS n FROM supplier GROUP BY 1 HAVING sum(lines) > 0 ORDER BY n DESC, k`,
    );
    // The largest (far more than a page), one around a page, and a small one.
    const keys = [suppliers[0]!, suppliers.find((r) => Number(r.n) <= 120 && Number(r.n) >= 60) ?? suppliers[1]!, suppliers.at(-1)!].map((r) => String(r.k));
    const units = await queryRows(raw, 'SELECT unit, count(*) AS n FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY n DESC, unit');
    const filters = [
      filtersWhere(EMPTY_FILTERS),
      filtersWhere({ ...EMPTY_FILTERS, from: '2024-04-01', to: '2025-03-31' }),
      filtersWhere({ ...EMPTY_FILTERS, unit: String(units[0]!.unit) }),
      filtersWhere({ ...EMPTY_FILTERS, unit: String(units.at(-1)!.unit) }),
    ];
    const scopes: DrillScope[] = keys.flatMap((supplierKey) => [{ supplierKey }, { supplierKey, categoryId: 'office' }, { supplierKey, categoryId: null }]);
    let warmed = false;
    const pages = async () => {
      let fromTops = 0;
      let fallback = 0;
      for (const where of filters) {
        for (const narrowed of scopes) {
          for (const limit of [25, 100]) {
            const { label, scanned } = await checkedPage(where, narrowed, limit);
            expect(asked.some(madeStops), label).toBe(false);
            if (asked.some(stops) && !scanned) fromTops++;
            else fallback++;
            // Without a filter a supplier has a page's worth (or all its lines) among its top lines.
            if (warmed && where === filters[0] && narrowed.categoryId === undefined) expect(scanned, label).toBe(false);
          }
        }
      }
      return { fromTops, fallback };
    };
    const where = filtersWhere(EMPTY_FILTERS);
    await loadCategoryDrill(db, { where, categoryId: 'office' });
    // Before idle time made them: every page from the shared table, nothing built for it.
    expect(await pages()).toEqual({ fromTops: 0, fallback: filters.length * scopes.length * 2 });
    asked.length = 0;
    expect(await warmTopLines(db, 'suppliers')).toBe(true);
    expect(asked.filter(madeStops)).toHaveLength(1);
    warmed = true;
    // After: from the kept lines wherever they hold the page, the same pages.
    const after = await pages();
    expect(after.fromTops).toBeGreaterThan(10);
    // A filter or a category that leaves a large supplier fewer than a page among its top lines still reads the shared table.
    expect(after.fallback).toBeGreaterThan(0);
  });
});
