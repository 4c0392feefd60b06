import { expect } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';

/** How many counted lines carry each spelling of a supplier's name, by supplier key. */
export type Spellings = ReadonlyMap<string, ReadonlyMap<string, number>>;

interface SupplierShare {
  key: string;
  name: string | null;
}

/** The spellings of the counted lines in `spend_line` (after an import on `db`). */
export async function spellingsIn(db: DbConnector): Promise<Spellings> {
  return spellingsFrom(await queryRows(db, `SELECT supplier_key AS key, supplier_name AS name, count(*)::INTEGER AS n FROM spend_line WHERE counted AND supplier_key IS NOT NULL GROUP BY ALL`));
}

export function spellingsFrom(rows: readonly Record<string, unknown>[]): Spellings {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = String(r.key);
    const byName = out.get(key) ?? new Map<string, number>();
    byName.set(String(r.name), Number(r.n));
    out.set(key, byName);
  }
  return out;
}

/** Both names are the key's most frequent spelling: two spellings tie. */
function tied(spellings: Spellings, key: string, a: string, b: string): boolean {
  const byName = spellings.get(key);
  if (!byName) return false;
  const most = Math.max(...byName.values());
  return byName.get(a) === most && byName.get(b) === most;
}

function suppliersOf(result: unknown): SupplierShare[][] {
  const opportunities = (result as { opportunities?: { suppliers?: SupplierShare[] }[] }).opportunities ?? [];
  return opportunities.map((o) => o.suppliers ?? []);
}

/**
 * Expects two results of `analyze` (as JSON) to be equal, field for field, with one exception that
 * is checked against the data: an opportunity's supplier name is `mode(supplier_name)` over the
 * supplier's lines (src/core/analysis/opportunities/lists.ts), and where two spellings are equally
 * frequent DuckDB returns either, by the order it happened to aggregate in (threads, spilling, the
 * engine build). Such a name may differ, and only when the data shows the tie. Returns the names let
 * through ("key: a | b"), so a test can show them.
 */
export function expectSameResult(actual: unknown, expected: unknown, spellings: Spellings): string[] {
  const a = structuredClone(actual);
  const tolerated: string[] = [];
  const expectedSuppliers = suppliersOf(expected);
  suppliersOf(a).forEach((list, i) => {
    list.forEach((s, j) => {
      const e = expectedSuppliers[i]?.[j];
      if (!e || e.key !== s.key || e.name === s.name || s.name === null || e.name === null) return;
      if (!tied(spellings, s.key, s.name, e.name)) return;
      tolerated.push(`${s.key}: ${s.name} | ${e.name}`);
      s.name = e.name;
    });
  });
  expect(a).toEqual(expected);
  return tolerated;
}
