import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { findOpportunities, loadKraljicFigures } from '../../../src/core/analysis/opportunities/index.js';
import { loadOpportunitySettings, saveOpportunitySettings } from '../../../src/core/analysis/opportunities/settings.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import {
  loadCategoryDrill, loadCategoryOverview, loadLinePage, loadSupplierBreakdown, loadSupplierOverview,
} from '../../../src/core/analysis/views/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { mayWrite, queryMayWrite } from '../../../src/core/db/may-write.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { abortable } from '../../../src/core/db/abortable.js';
import { trackWrites } from '../../../src/ui/workspace/write-tracker.js';
import { openCoreDemo } from '../../support/core-demo.js';

describe('the autosave counts only statements that may change the workspace', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openCoreDemo(5000);
  });
  afterAll(() => db?.close());

  it('tells temporary objects and schema checks from writes', () => {
    expect(mayWrite('CREATE OR REPLACE TEMP TABLE "_ovb_lines_x" AS SELECT * FROM spend_line')).toBe(false);
    expect(mayWrite('\n  CREATE TEMP VIEW "_ovb_lines_x_w" AS SELECT 1')).toBe(false);
    expect(mayWrite('DROP TABLE IF EXISTS "_ovb_lines_x"')).toBe(false);
    // A large analysis table is kept compressed in the workspace's database (lines.ts), not TEMP: still the analysis's own.
    expect(mayWrite('CREATE OR REPLACE TABLE "_ovb_lines_all_x_1" AS SELECT * FROM spend_line')).toBe(false);
    expect(mayWrite('CREATE OR REPLACE TABLE "spend_line_copy" AS SELECT * FROM spend_line')).toBe(true);
    expect(mayWrite('DROP VIEW IF EXISTS "_ovb_lines_x"')).toBe(false);
    expect(mayWrite('DROP TABLE cls_scope')).toBe(false);
    expect(mayWrite('CREATE TABLE IF NOT EXISTS supplier_merge_map (from_key VARCHAR NOT NULL, to_key VARCHAR NOT NULL)')).toBe(false);
    expect(mayWrite('ALTER TABLE import_reject ADD COLUMN IF NOT EXISTS detail VARCHAR')).toBe(false);
    // The schema checks sent as one batch (ensureSchema), a semicolon in a literal or comment aside.
    expect(mayWrite("CREATE TABLE IF NOT EXISTS a (x VARCHAR DEFAULT ';');\nALTER TABLE a ADD COLUMN IF NOT EXISTS y INTEGER -- a; b\n")).toBe(false);
    // Writes, or possibly writes:
    expect(mayWrite('INSERT INTO classification SELECT * FROM cls_hit')).toBe(true);
    expect(mayWrite('DROP TABLE IF EXISTS spend_line')).toBe(true);
    expect(mayWrite('CREATE TABLE IF NOT EXISTS x AS SELECT * FROM spend_line')).toBe(true);
    expect(mayWrite('CREATE TEMP TABLE t AS SELECT 1; DELETE FROM spend_line')).toBe(true);
    expect(mayWrite('CREATE TABLE IF NOT EXISTS a (x INTEGER); INSERT INTO a VALUES (1)')).toBe(true);
    expect(queryMayWrite("CREATE TABLE IF NOT EXISTS a (x INTEGER);\nALTER TABLE a ADD COLUMN IF NOT EXISTS y INTEGER")).toBe(false);
    expect(queryMayWrite('SELECT 1; DELETE FROM spend_line')).toBe(true);
    expect(mayWrite('UPDATE "_ovb_lines_x" SET claim = NULL')).toBe(true);
    expect(mayWrite('CREATE TABLE kraljic_risk_override AS SELECT 1')).toBe(true);
  });

  it('opening every analysis screen and drilling down writes nothing; saving a setting does', async () => {
    const where = filtersWhere(EMPTY_FILTERS);
    const period = { ...EMPTY_FILTERS, from: '2024-04-01' };
    const screens = async (d: DbConnector) => {
      for (const w of [where, filtersWhere(period)]) {
        await loadOverview(d, w, 5);
        await loadCategoryOverview(d, { where: w });
        await loadCategoryDrill(d, { where: w, categoryId: 'office' });
        const suppliers = await loadSupplierOverview(d, { where: w });
        const key = suppliers.rows[0]!.key;
        await loadSupplierBreakdown(d, { where: w, supplierKey: key });
        await loadLinePage(d, { where: w, supplierKey: key }, { offset: 100 });
        await findOpportunities(d, { where: w });
        await loadKraljicFigures(d, { where: w });
      }
    };
    // Once first: the first analysis may map the agreement register (a real write).
    await screens(db);
    const tracked = trackWrites(db);
    await screens(tracked.db);
    expect(tracked.writes()).toBe(0);
    const settings = await loadOpportunitySettings(tracked.db);
    await saveOpportunitySettings(tracked.db, { ...settings, rates: { ...settings.rates, base: settings.rates.base } });
    expect(tracked.writes()).toBeGreaterThan(0);
  });

  it('tells a query that writes from one that reads', () => {
    expect(queryMayWrite('SELECT count(*) FROM spend_line')).toBe(false);
    expect(queryMayWrite('\n  WITH l AS (SELECT 1) SELECT * FROM l')).toBe(false);
    expect(queryMayWrite("WITH l AS (SELECT 'DELETE FROM spend_line' AS s) SELECT * FROM l")).toBe(false);
    expect(queryMayWrite('(SELECT 1) UNION ALL (SELECT 2)')).toBe(false);
    expect(queryMayWrite("WITH a AS (SELECT string_agg(x, '; ') AS s FROM t) -- one; two\nSELECT * FROM a")).toBe(false);
    expect(queryMayWrite('DELETE FROM classification WHERE line_id = 1 RETURNING line_id')).toBe(true);
    expect(queryMayWrite('INSERT INTO rule SELECT * FROM cls_rule_in RETURNING rule_id')).toBe(true);
    expect(queryMayWrite('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x')).toBe(true);
    expect(queryMayWrite('SELECT 1; DELETE FROM spend_line')).toBe(true);
    expect(queryMayWrite('CREATE OR REPLACE TEMP TABLE "_ovb_x" AS SELECT 1')).toBe(false);
  });

  it('the prepared lines are fingerprinted again only after a write, and a write is then seen', async () => {
    const asked: string[] = [];
    const spying: DbConnector = { ...db, runtime: db.runtime, query: (sql, o) => (asked.push(sql), db.query(sql, o)), exec: (sql, o) => (asked.push(sql), db.exec(sql, o)) };
    const tracked = trackWrites(spying);
    const fingerprints = () => asked.filter((q) => q.includes('sum(hash(line_id, category_id, accepted, confidence))')).length;
    const office = () => loadCategoryDrill(abortable(tracked.db, new AbortController().signal), { where: filtersWhere(EMPTY_FILTERS), categoryId: 'office' });
    const first = await office();
    const once = fingerprints();
    expect(once).toBe(1);
    // No write between: the screens' queries (here through an abortable connector, as useQuery's) read no fingerprint again.
    expect(await office()).toEqual(first);
    await loadLinePage(tracked.db, { where: filtersWhere(EMPTY_FILTERS), categoryId: 'office' }, { offset: 0 });
    expect(fingerprints()).toBe(once);
    // A decision moves out of the category: the next drill reads the fingerprint again and shows the change.
    const [line] = await queryRows(db, `SELECT line_id FROM classification WHERE category_id LIKE 'office.%' AND accepted ORDER BY line_id LIMIT 1`);
    const id = Number(line!.line_id);
    const [before] = await queryRows(db, `SELECT category_id FROM classification WHERE line_id = ${id}`);
    try {
      await tracked.db.exec(`UPDATE classification SET category_id = 'it.hardware' WHERE line_id = ${id}`);
      const after = await office();
      expect(fingerprints()).toBe(once + 1);
      expect(after.lines).toBe(first.lines - 1);
    } finally {
      await tracked.db.exec(`UPDATE classification SET category_id = '${String(before!.category_id)}' WHERE line_id = ${id}`);
    }
    expect(await office()).toEqual(first);
    expect(fingerprints()).toBe(once + 2);
  });

  it('says when the screens have left the database alone; the autosave\'s own reads do not count', async () => {
    const tracked = trackWrites(db);
    const heavy = 'SELECT count(DISTINCT hash(t, i)) FROM spend_line t, range(40) r(i)';
    // Idle from the start.
    let t = performance.now();
    await tracked.quiet(50);
    expect(performance.now() - t).toBeLessThan(50);
    // A screen's statement in flight: quiet comes only after it ended and the quiet time passed.
    let ended = 0;
    const running = tracked.db.query(heavy).then(() => (ended = performance.now()));
    await tracked.quiet(150);
    expect(ended).toBeGreaterThan(0);
    expect(performance.now() - ended).toBeGreaterThanOrEqual(145);
    await running;
    // The background connector's statements are not activity.
    await tracked.quiet(150);
    t = performance.now();
    const background = tracked.background.query(heavy);
    await tracked.quiet(150);
    expect(performance.now() - t).toBeLessThan(100);
    await background;
    // Never longer than the longest wait asked for.
    const busy = tracked.db.query(heavy);
    t = performance.now();
    await tracked.quiet(10_000, 200);
    expect(performance.now() - t).toBeLessThan(5_000);
    await busy;
  });
});
