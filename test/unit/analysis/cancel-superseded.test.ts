import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { groupMetrics, prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import { abortable, baseConnector, CancelledError, isCancelled } from '../../../src/core/db/abortable.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { serialized, serialQueueLength } from '../../../src/core/review/serial.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { openCoreDemo } from '../../support/core-demo.js';

/**
 * A screen's query that a newer one superseded (useQuery aborts its signal) stops at its next
 * statement, and what other screens share with it (the prepared lines, the memo of figures, the
 * classification queue) is neither broken nor lost by that.
 */
describe('cancelling a superseded analysis (Demo Kommune, 4,000 lines)', () => {
  let db: DbConnector;
  /** `db`, firing `controller` when a statement matching `at` is about to run; the statements asked for are counted. */
  const spy = (controller: AbortController, at: RegExp) => {
    const asked: string[] = [];
    const wrap = <F extends (sql: string, ...rest: never[]) => Promise<unknown>>(f: F) =>
      ((sql: string, ...rest: never[]) => {
        asked.push(sql);
        if (at.test(sql)) controller.abort();
        return f(sql, ...rest);
      }) as F;
    const connector: DbConnector = { ...db, runtime: db.runtime, query: wrap(db.query.bind(db)), exec: wrap(db.exec.bind(db)), exportArrow: wrap(db.exportArrow.bind(db)) };
    return { connector, asked };
  };
  const scratchTables = async () =>
    (await queryRows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_ovb\\_%' ESCAPE '\\' AND table_name NOT LIKE '\\_ovb\\_lines\\_all\\_%' ESCAPE '\\'
                            AND table_name NOT LIKE '\\_ovb\\_cat\\_t%' ESCAPE '\\'
                            AND table_name NOT LIKE '\\_ovb\\_scope\\_%' ESCAPE '\\'
                          UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE '\\_ovb\\_%' ESCAPE '\\'`)).map((r) => String(r.table_name));

  beforeAll(async () => {
    db = await openCoreDemo(4000);
  });
  afterAll(() => db?.close());

  it('an overview cancelled at its first figure stops there, leaves no scratch table, and the next one is whole', async () => {
    // Periods that are not whole months: their overview groups its own lines (whole months read a kept grouping).
    const where = filtersWhere({ ...EMPTY_FILTERS, from: '2024-03-02' });
    const reference = await loadOverview(db, where, 5);
    const before = await scratchTables();
    const controller = new AbortController();
    // The lines are prepared, then the overview is superseded as its first figure is asked for.
    const first = /TEMP TABLE "[^"]*_spend"/;
    const { connector, asked } = spy(controller, first);
    const cancelled = abortable(connector, controller.signal);
    expect(baseConnector(cancelled)).toBe(connector);
    await expect(loadOverview(cancelled, filtersWhere({ ...EMPTY_FILTERS, from: '2024-04-02' }), 5)).rejects.toBeInstanceOf(CancelledError);
    expect(isCancelled(cancelled)).toBe(true);
    // Only cleanup ran after the cancel: no later figure was asked for.
    const at = asked.findIndex((s) => first.test(s));
    expect(at).toBeGreaterThan(0);
    expect(asked.slice(at + 1).every((s) => /^\s*DROP (TABLE|VIEW)/i.test(s))).toBe(true);
    expect(await scratchTables()).toEqual(before);
    // The shared lines and figures are intact: the same overview again, and a new filter, are right.
    expect(await loadOverview(db, where, 5)).toEqual(reference);
    const april = await loadOverview(db, filtersWhere({ ...EMPTY_FILTERS, from: '2024-04-01' }), 5);
    const [direct] = await queryRows(db, `SELECT sum(amount)::DOUBLE AS s FROM spend_line WHERE ${filtersWhere({ ...EMPTY_FILTERS, from: '2024-04-01' })}`);
    expect(april.totals.spend).toBeCloseTo(Number(direct?.s), 2);
  });

  it('a figure another screen waits for is computed again when the screen that asked first is cancelled', async () => {
    const lines = await prepareAnalysisLines(db, { where: filtersWhere({ ...EMPTY_FILTERS, from: '2024-05-01' }) });
    try {
      const controller = new AbortController();
      const { connector, asked } = spy(controller, /WITH l AS/);
      const first = groupMetrics(abortable(connector, controller.signal), lines, 'category2');
      // Asked while the first asker's query is in the memo, then that asker is cancelled.
      // (Both over the same database connector, as every screen's is in the app.)
      const second = groupMetrics(abortable(connector, new AbortController().signal), lines, 'category2');
      await expect(first).rejects.toBeInstanceOf(CancelledError);
      const figures = await second;
      expect(figures.length).toBeGreaterThan(3);
      expect(figures.reduce((s, g) => s + g.lines, 0)).toBeGreaterThan(0);
      // …and the memo now holds the answer, not the cancel: a third asker gets the same rows without a query.
      const queried = asked.length;
      expect(await groupMetrics(connector, lines, 'category2')).toEqual(figures);
      expect(asked).toHaveLength(queried);
    } finally {
      await lines.close();
    }
  });

  it('every abortable connector over one database shares its classification queue', async () => {
    const a = abortable(db, new AbortController().signal);
    const b = abortable(db, new AbortController().signal);
    let release!: () => void;
    const held = serialized(a, () => new Promise<void>((r) => (release = r)));
    const order: string[] = [];
    const next = serialized(b, async () => void order.push('b'));
    expect(serialQueueLength(db)).toBe(2);
    await Promise.resolve();
    expect(order).toEqual([]);
    release();
    await held;
    await next;
    expect(order).toEqual(['b']);
    expect(serialQueueLength(b)).toBe(0);
  });
});
