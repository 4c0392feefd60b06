// The rule list: the user's rules and the built-in ones, each with what it decides today.
import type { Rule } from '../classify/index.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { loadBuiltinRules, loadUserRules } from '../workspace/rule-store.js';

export interface RuleWithUse {
  rule: Rule;
  /** Counted lines and spend (absolute amounts) whose accepted decision this rule made. */
  lines: number;
  spend: number;
  /** Lines where this keyword rule picked the level 2 under a coarser rule's level 1. */
  refined: number;
}

export interface RuleOverview {
  user: RuleWithUse[];
  builtin: RuleWithUse[];
}

export async function ruleOverview(db: DbConnector, options: { tree?: CategoryTree; signal?: AbortSignal } = {}): Promise<RuleOverview> {
  const tree = options.tree ?? defaultCategoryTree();
  const user = await loadUserRules(db, tree);
  const rows = await queryRows(
    db,
    `SELECT rule_id, sum(decided) AS lines, sum(spend)::DOUBLE AS spend, sum(refined) AS refined FROM (
       SELECT c.rule_id, 1 AS decided, abs(l.amount) AS spend, 0 AS refined
         FROM classification c JOIN spend_line l ON l.line_id = c.line_id WHERE c.accepted AND l.counted AND c.rule_id IS NOT NULL
       UNION ALL
       SELECT c.refine_rule_id, 0, 0, 1
         FROM classification c JOIN spend_line l ON l.line_id = c.line_id WHERE c.accepted AND l.counted AND c.refine_rule_id IS NOT NULL)
      GROUP BY rule_id`,
    { signal: options.signal },
  );
  const use = new Map(rows.map((r) => [String(r.rule_id), r]));
  const withUse = (rule: Rule): RuleWithUse => {
    const u = use.get(rule.id);
    return { rule, lines: Number(u?.lines ?? 0), spend: Number(u?.spend ?? 0), refined: Number(u?.refined ?? 0) };
  };
  return { user: user.map(withUse), builtin: (await loadBuiltinRules(db, tree)).map(withUse) };
}
