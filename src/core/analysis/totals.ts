import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { ensureSchema } from '../workspace/schema.js';

/**
 * Lines the chart of accounts already marks as non-addressable (salaries, payments to other
 * public bodies, transfers, internal): the account prefixes of the tree's non-addressable
 * categories. Classification refines this; the account rule holds even without it.
 */
export function nonAddressableAccountSql(tree: CategoryTree = defaultCategoryTree()): string {
  const prefixes = tree.categories.filter((c) => !c.addressable).flatMap((c) => c.crosswalk.accounts);
  if (!prefixes.length) return 'FALSE';
  // "5" catches "5.2" but not "50.1": a prefix must be followed by a dot or the end.
  const tests = prefixes.map((p) => `(account = ${literal(p)} OR starts_with(account, ${literal(`${p}.`)}))`);
  return `coalesce(${tests.join(' OR ')}, FALSE)`;
}

export interface Totals {
  spend: number;
  addressableSpend: number;
  lines: number;
  suppliers: number;
  documents: number;
}

/** The test contract's `totals`: counted spend only (e-commerce lines also invoiced count once). */
export async function loadTotals(db: DbConnector): Promise<Totals> {
  await ensureSchema(db);
  const nonAddressable = `(${nonAddressableAccountSql()} OR line_id IN (
      SELECT c.line_id FROM classification c WHERE c.category_id LIKE 'nonaddr%'))`;
  const [row] = await queryRows(
    db,
    `SELECT coalesce(sum(amount), 0)::DECIMAL(18,2) AS spend,
            coalesce(sum(amount) FILTER (WHERE NOT ${nonAddressable}), 0)::DECIMAL(18,2) AS addressable,
            count(*) AS lines,
            count(DISTINCT supplier_key) AS suppliers,
            count(DISTINCT file_id || ':' || coalesce(document_id, '#' || "row")) AS documents
       FROM spend_line WHERE counted`,
  );
  return {
    spend: Number(row?.spend ?? 0),
    addressableSpend: Number(row?.addressable ?? 0),
    lines: Number(row?.lines ?? 0),
    suppliers: Number(row?.suppliers ?? 0),
    documents: Number(row?.documents ?? 0),
  };
}
