import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { list, quoteIdent } from '../../sql/escape.js';
import { clampInt, withScopedLines, withScopeQuery, type DrillScope } from './scope.js';

/**
 * A category drill-down (or any scope): its suppliers, its buying units, a unit × supplier
 * matrix of the largest of both and the monthly trend. Shares are of the scope's net spend.
 */

export interface DrillSupplier {
  /** Effective supplier key (accepted merges applied). */
  key: string;
  name: string;
  spend: number;
  share: number;
  lines: number;
  units: number;
}

export interface DrillUnit {
  /** null: lines without a unit. */
  unit: string | null;
  spend: number;
  share: number;
  lines: number;
  suppliers: number;
}

export interface SupplierUnitMatrix {
  suppliers: { key: string; name: string; spend: number }[];
  units: (string | null)[];
  /** cells[i][j]: spend of suppliers[i] in units[j] (0 where none). */
  cells: number[][];
  /** Per supplier: spend in the units not shown. */
  otherUnits: number[];
}

export interface DrillMonth {
  /** 'YYYY-MM' */
  month: string;
  spend: number;
  lines: number;
}

export interface CategoryDrill {
  spend: number;
  lines: number;
  supplierCount: number;
  unitCount: number;
  /** Largest first, at most `supplierLimit`. */
  suppliers: DrillSupplier[];
  units: DrillUnit[];
  matrix: SupplierUnitMatrix;
  trend: DrillMonth[];
}

export interface DrillOptions {
  /** Suppliers listed (default 500). */
  supplierLimit?: number;
  /** Rows and columns of the matrix (defaults 10 suppliers × 8 units). */
  matrixSuppliers?: number;
  matrixUnits?: number;
  signal?: AbortSignal;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
let drills = 0;

export async function loadCategoryDrill(db: DbConnector, scope: DrillScope, options: DrillOptions = {}): Promise<CategoryDrill> {
  // Under whole months and a unit (or no filter) the figures read the groups kept with the shared lines and
  // nothing is copied; under any other filter they read the scope's kept copy of its lines (withScopedLines).
  const grouped = await withScopeQuery(db, scope, async ({ groupsSql, names }) => {
    if (groupsSql === undefined) return undefined;
    // The scope's groups taken out once (a few thousand of ~100k at 1M lines): the five figures then read
    // them instead of each filtering every group again (36 → 22 ms in Node-WASM).
    const kept = quoteIdent(`_ovb_drill_${Date.now().toString(36)}_${(drills++).toString(36)}`);
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${kept} AS SELECT supplier_key, unit, month, spend AS amount, lines AS n FROM (${groupsSql})`);
    try {
      return await drill(db, `WITH l AS (SELECT * FROM ${kept})`, names, options);
    } finally {
      // A drop runs on a cancelled connector too (abortable.ts): a superseded drill-down leaves nothing behind.
      await db.exec(`DROP TABLE IF EXISTS ${kept}`);
    }
  });
  return grouped ?? withScopedLines(db, scope, (linesSql, _detail, names) =>
    drill(db, `WITH l AS (SELECT supplier_key, unit, date_trunc('month', date) AS month, amount, 1 AS n FROM (${linesSql}))`, names, options));
}

/**
 * The five figures over `cte`, which defines `l` (supplier_key, unit, month, amount, n): lines, or groups of
 * them with their spend as `amount` and their number of lines as `n`. `names`: the suppliers' spellings.
 */
async function drill(db: DbConnector, cte: string, names: string, options: DrillOptions): Promise<CategoryDrill> {
  const signal = options.signal;
  const limit = clampInt(options.supplierLimit, 500, 1, 10_000);
  // Sent together: DuckDB runs them one after another either way, but without waiting for the page's
  // main thread between them (a click's rendering held each next one back by up to 30 ms in the app).
  const [[total], supplierRows, unitRows, trendRows] = await Promise.all([
    queryRows(
      db,
      `${cte} SELECT coalesce(sum(amount), 0)::DECIMAL(18,2) AS spend, coalesce(sum(n), 0)::BIGINT AS lines,
                     count(DISTINCT supplier_key) AS suppliers, count(DISTINCT unit) + (count(*) FILTER (WHERE unit IS NULL) > 0)::INTEGER AS units FROM l`,
      { signal },
    ),
    queryRows(
      db,
      `${cte},
       g AS (SELECT supplier_key AS key, sum(amount) AS spend, sum(n)::BIGINT AS lines, count(DISTINCT unit) AS units FROM l GROUP BY 1)
       SELECT g.key, coalesce(sp.display_name, nm.name) AS name, g.spend::DECIMAL(18,2) AS spend, g.lines, g.units
         FROM g LEFT JOIN supplier sp ON sp.key = g.key LEFT JOIN ${quoteIdent(names)} nm ON nm.supplier_key = g.key
        ORDER BY g.spend DESC, g.key LIMIT ${limit}`,
      { signal },
    ),
    queryRows(
      db,
      `${cte} SELECT unit, sum(amount)::DECIMAL(18,2) AS spend, sum(n)::BIGINT AS lines, count(DISTINCT supplier_key) AS suppliers
                FROM l GROUP BY 1 ORDER BY spend DESC, unit NULLS LAST`,
      { signal },
    ),
    queryRows(
      db,
      `${cte} SELECT strftime(m, '%Y-%m') AS month, spend, lines FROM (
                SELECT month AS m, sum(amount)::DECIMAL(18,2) AS spend, sum(n)::BIGINT AS lines
                  FROM l WHERE month IS NOT NULL GROUP BY 1) ORDER BY m`,
      { signal },
    ),
  ]);
  const spend = Number(total?.spend ?? 0);
  const share = (v: number) => (spend !== 0 ? v / spend : 0);
  const suppliers = supplierRows.map((r) => ({
    key: String(r.key ?? ''),
    name: String(r.name ?? r.key ?? ''),
    spend: Number(r.spend),
    share: share(Number(r.spend)),
    lines: Number(r.lines),
    units: Number(r.units),
  }));
  const units = unitRows.map((r) => ({
    unit: r.unit === null ? null : String(r.unit),
    spend: Number(r.spend),
    share: share(Number(r.spend)),
    lines: Number(r.lines),
    suppliers: Number(r.suppliers),
  }));

  const matrix = await supplierUnitMatrix(
    db,
    cte,
    suppliers.slice(0, clampInt(options.matrixSuppliers, 10, 1, 50)),
    units.slice(0, clampInt(options.matrixUnits, 8, 1, 50)).map((u) => u.unit),
    signal,
  );

  return {
    spend,
    lines: Number(total?.lines ?? 0),
    supplierCount: Number(total?.suppliers ?? 0),
    unitCount: Number(total?.units ?? 0),
    suppliers,
    units,
    matrix,
    trend: trendRows.map((r) => ({ month: String(r.month), spend: Number(r.spend), lines: Number(r.lines) })),
  };
}

async function supplierUnitMatrix(
  db: DbConnector,
  cte: string,
  suppliers: DrillSupplier[],
  units: (string | null)[],
  signal?: AbortSignal,
): Promise<SupplierUnitMatrix> {
  if (suppliers.length === 0) return { suppliers: [], units: [], cells: [], otherUnits: [] };
  const rows = await queryRows(
    db,
    `${cte} SELECT supplier_key, unit, sum(amount)::DECIMAL(18,2) AS spend FROM l
              WHERE supplier_key IN (${list(suppliers.map((s) => s.key))}) GROUP BY ALL`,
    { signal },
  );
  const column = new Map(units.map((u, j) => [u, j]));
  const row = new Map(suppliers.map((s, i) => [s.key, i]));
  const cells = suppliers.map(() => units.map(() => 0));
  for (const r of rows) {
    const i = row.get(String(r.supplier_key));
    const j = column.get(r.unit === null ? null : String(r.unit));
    if (i !== undefined && j !== undefined) cells[i]![j] = Number(r.spend);
  }
  return {
    suppliers: suppliers.map((s) => ({ key: s.key, name: s.name, spend: s.spend })),
    units,
    cells,
    otherUnits: suppliers.map((s, i) => round2(s.spend - cells[i]!.reduce((a, b) => a + b, 0))),
  };
}
