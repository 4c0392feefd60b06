// Compiles a rule set into the `rule` table: the field each rule reads, the normalised pattern,
// its precedence tier and one global rank (lower rank wins), so the engine picks a winner with min().
import { Table, type Vector } from 'apache-arrow';
import type { DbConnector } from '../db/connector.js';
import { utf8Vector } from '../import/parsed-to-arrow.js';
import { literal } from '../sql/escape.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { normalizePattern, ruleProblems, ruleTier, TIER_METHOD, type Rule } from './rules.js';
import { ensureClassifySchema } from './schema.js';
import { ART_FIELD, columnField, ITEM_FIELD, SKELETON_MIN, skeleton, skeletonSql, tokensSql, type Field } from './text-sql.js';

export type Kind = 'exact' | 'prefix' | 'art' | 'contains' | 'word';

export interface CompiledRule {
  rule: Rule;
  ordinal: number;
  field: Field;
  kind: Kind;
  norm: string;
  tier: number;
  skelMode: boolean;
}

export class RuleSetError extends Error {
  constructor(readonly problems: string[]) {
    super(`Reglerne kan ikke bruges:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'RuleSetError';
  }
}

export function ruleField(rule: Rule): Field {
  switch (rule.signal) {
    case 'itemCode':
      return ITEM_FIELD;
    case 'account':
      return ART_FIELD;
    case 'supplier':
      return columnField('supplier_key');
    case 'keyword':
      return columnField('description');
    case 'column':
      return columnField(rule.column ?? '');
  }
}

export function compileRule(rule: Rule, ordinal: number, tree: CategoryTree): CompiledRule {
  const category = tree.categories.find((c) => c.id === rule.categoryId);
  const norm = normalizePattern(rule);
  const kind: Kind = rule.signal === 'account' && rule.match === 'prefix' ? 'art' : rule.match;
  return {
    rule,
    ordinal,
    field: ruleField(rule),
    kind,
    norm,
    tier: ruleTier(rule, category?.addressable ?? true),
    skelMode: kind === 'word' && skeleton(norm).length >= SKELETON_MIN,
  };
}

/** Checks and compiles; throws RuleSetError (Danish) on duplicate ids or unusable rules. */
export function compileRules(rules: readonly Rule[], tree: CategoryTree): CompiledRule[] {
  const categories = new Set(tree.categories.map((c) => c.id));
  const problems: string[] = [];
  const ids = new Set<string>();
  rules.forEach((r) => {
    if (ids.has(r.id)) problems.push(`id "${r.id}" bruges af to regler`);
    ids.add(r.id);
    for (const p of ruleProblems(r, categories)) problems.push(`regel "${r.id}": ${p}`);
  });
  if (problems.length) throw new RuleSetError(problems);
  return rules.map((r, i) => compileRule(r, i, tree));
}

const TEXT_COLUMNS = ['rule_id', 'signal', 'column_name', 'pattern', 'match_kind', 'category_id', 'priority', 'origin', 'enabled', 'note',
  'ordinal', 'field', 'kind', 'norm', 'tier', 'method', 'skel_mode'] as const;

function textRow(c: CompiledRule): (string | null)[] {
  const r = c.rule;
  return [r.id, r.signal, r.column ?? null, r.pattern, r.match, r.categoryId, String(r.priority), r.origin, String(r.enabled), r.note ?? null,
    String(c.ordinal), c.field, c.kind, c.norm, String(c.tier), TIER_METHOD[c.tier] ?? 'keyword', String(c.skelMode)];
}

/** The rule set as Arrow text columns (thousands of rules in one insert; SQL VALUES parse slowly). */
function rulesArrow(compiled: readonly CompiledRule[]): Table {
  const rows = compiled.map(textRow);
  const vectors: Record<string, Vector> = {};
  TEXT_COLUMNS.forEach((name, i) => {
    vectors[name] = utf8Vector(rows.map((row) => row[i] ?? null));
  });
  return new Table(vectors);
}

/** A word rule's words (skeletons when it compares skeletons), from its normalised pattern. */
export const WORDS_SQL = `CASE WHEN kind <> 'word' THEN NULL
  WHEN skel_mode THEN list_transform(${tokensSql('norm')}, t -> ${skeletonSql('t')})
  ELSE ${tokensSql('norm')} END`;

/** cls_category: the tree as a table (level-1 parent of every category). */
export async function writeCategories(db: DbConnector, tree: CategoryTree): Promise<void> {
  const rows = tree.categories.map((c) => `(${[c.id, c.parent, c.level, c.addressable].map(literal).join(', ')})`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_category AS
     SELECT * FROM (VALUES ${rows.join(', ')}) v(category_id, parent_id, level, addressable)`,
  );
}

/**
 * Replaces the `rule` table with the compiled rule set, then derives the word lists and the global
 * rank (tier, priority desc, longest pattern, earlier rule) in SQL.
 */
export async function writeRules(db: DbConnector, compiled: readonly CompiledRule[], tree: CategoryTree): Promise<void> {
  await ensureClassifySchema(db);
  await writeCategories(db, tree);
  await db.exec('DELETE FROM rule');
  if (!compiled.length) return;
  await db.exec('DROP TABLE IF EXISTS cls_rule_in');
  await db.insertArrow('cls_rule_in', rulesArrow(compiled));
  // One statement: typed columns, word lists, then the rank of every live rule.
  await db.exec(
    `INSERT INTO rule (${TEXT_COLUMNS.join(', ')}, words, rk)
     SELECT * EXCLUDE (live),
            CASE WHEN live THEN row_number() OVER (PARTITION BY live ORDER BY tier, priority DESC, length(norm) DESC, ordinal) END::INTEGER
       FROM (SELECT *, enabled AND (kind <> 'word' OR len(words) > 0) AS live FROM (
               SELECT *, ${WORDS_SQL} AS words FROM (
                 SELECT rule_id, signal, column_name, pattern, match_kind, category_id, priority::DOUBLE AS priority, origin,
                        enabled::BOOLEAN AS enabled, note, ordinal::INTEGER AS ordinal, field, kind, norm, tier::INTEGER AS tier,
                        method, skel_mode::BOOLEAN AS skel_mode
                   FROM cls_rule_in)))`,
  );
  await db.exec('DROP TABLE cls_rule_in');
}
