// Supplier rules: a supplier whose classified spend is dominated by one level-2 category proposes a
// supplier → category rule (a proposal until a person accepts it into the rule set).
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { spellingSql } from '../suppliers/spelling.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { writeCategories } from './rule-table.js';
import type { Rule } from './rules.js';
import { ensureClassifySchema } from './schema.js';

export interface SupplierProposal {
  supplierKey: string;
  supplierName: string;
  categoryId: string;
  /** The category's share of the supplier's classified spend (absolute amounts). */
  share: number;
  /** The supplier's classified lines and spend. */
  lines: number;
  spend: number;
  /** What the rule would newly cover: the supplier's lines without a decision today. */
  unclassifiedLines: number;
  unclassifiedSpend: number;
  /** The rule to add when the proposal is accepted (origin 'learned', supplier tier). */
  rule: Rule;
}

export interface SupplierRuleOptions {
  minShare?: number;
  minLines?: number;
  tree?: CategoryTree;
}

/** Proposals, largest unclassified spend first. Suppliers that already have an enabled supplier rule are left out. */
export async function proposeSupplierRules(db: DbConnector, options: SupplierRuleOptions = {}): Promise<SupplierProposal[]> {
  await ensureClassifySchema(db);
  await writeCategories(db, options.tree ?? defaultCategoryTree());
  const minShare = options.minShare ?? 0.8;
  const minLines = options.minLines ?? 5;
  const rows = await queryRows(
    db,
    `WITH lines AS (
       SELECT l.supplier_key, l.supplier_name, abs(l.amount) AS spend, c.category_id, coalesce(c.accepted, FALSE) AS decided
         FROM spend_line l LEFT JOIN classification c ON c.line_id = l.line_id
        WHERE l.supplier_key IS NOT NULL),
     per_cat AS (
       SELECT supplier_key, category_id, count(*) AS lines, sum(spend) AS spend FROM lines
        WHERE decided AND category_id IN (SELECT category_id FROM cls_category WHERE level = 2) GROUP BY ALL),
     per_sup AS (
       SELECT supplier_key,
              count(*) FILTER (WHERE decided) AS lines, coalesce(sum(spend) FILTER (WHERE decided), 0) AS spend,
              count(*) FILTER (WHERE NOT decided) AS free_lines, coalesce(sum(spend) FILTER (WHERE NOT decided), 0) AS free_spend
         FROM lines GROUP BY supplier_key),
     top AS (SELECT supplier_key, arg_max(category_id, spend) AS category_id, max(spend) AS top_spend FROM per_cat GROUP BY supplier_key)
     SELECT s.supplier_key, nm.name, t.category_id, (t.top_spend / s.spend)::DOUBLE AS share, s.lines, s.spend::DOUBLE AS spend,
            s.free_lines, s.free_spend::DOUBLE AS free_spend
       FROM per_sup s JOIN top t USING (supplier_key) LEFT JOIN (${spellingSql('lines')}) nm USING (supplier_key)
      WHERE s.lines >= ${literal(minLines)} AND s.spend > 0 AND t.top_spend / s.spend >= ${literal(minShare)}
        AND s.supplier_key NOT IN (SELECT norm FROM rule WHERE signal = 'supplier' AND enabled)
      ORDER BY s.free_spend DESC, s.spend DESC, s.supplier_key`,
  );
  return rows.map((r) => {
    const key = String(r.supplier_key);
    const categoryId = String(r.category_id);
    return {
      supplierKey: key,
      supplierName: String(r.name ?? key),
      categoryId,
      share: Number(r.share),
      lines: Number(r.lines),
      spend: Number(r.spend),
      unclassifiedLines: Number(r.free_lines),
      unclassifiedSpend: Number(r.free_spend),
      rule: { id: `supplier:${key}`, signal: 'supplier', pattern: key, match: 'exact', categoryId, priority: 0, origin: 'learned', enabled: true },
    };
  });
}
