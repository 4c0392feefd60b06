import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { trackWrites, type TrackedDb } from '../../../src/ui/workspace/write-tracker.js';

/**
 * In the app, figures derived from the tables (the prepared lines' fingerprint, the agreement check) are
 * taken again after any write. The overview after an import must therefore write nothing itself: a
 * write there (the threshold table seeded by its first opportunities) made the next click read them all
 * again (~80 ms at 1M lines).
 */
describe('the overview after an import writes nothing (Demo Kommune, 2,000 lines, through the app\u2019s write tracker)', () => {
  let inner: DbConnector;
  let tracked: TrackedDb;
  beforeAll(async () => {
    inner = await openNodeWasmDb();
    tracked = trackWrites(inner);
    await loadDemo(tracked.db, 2000);
    await refreshAnalysis(tracked.db);
  });
  afterAll(() => inner?.close());

  it('unfiltered and under a unit, with the thresholds already in the workspace', async () => {
    expect(Number((await queryRows(inner, 'SELECT count(*) AS n FROM threshold'))[0]!.n)).toBeGreaterThan(0);
    const before = tracked.writes();
    const all = await loadOverview(tracked.db, 'counted');
    expect(all.opportunities.length).toBeGreaterThan(0);
    const [unit] = await queryRows(inner, 'SELECT unit FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    await loadOverview(tracked.db, filtersWhere({ ...EMPTY_FILTERS, unit: String(unit!.unit) }));
    expect(tracked.writes()).toBe(before);
  });
});
