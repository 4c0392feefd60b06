// "Why this category?" for a line, and "what would this rule catch?" for a rule before it is saved.
// Both reuse the engine's matching SQL, restricted to one line or to one rule.
import type { DbConnector } from '../db/connector.js';
import { queryRows, type Row } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { buildDict, fullRunState } from './lines-sql.js';
import { buildHits, checkFields, type MatchShape } from './match-sql.js';
import { compileRule, WORDS_SQL, type Kind } from './rule-table.js';
import { TIER_METHOD, type Method, type Rule } from './rules.js';
import { ensureClassifySchema } from './schema.js';
import { dropEngineScratch } from './scratch.js';
import { fieldHashSql, type Field } from './text-sql.js';

export interface RuleMatch {
  ruleId: string;
  categoryId: string;
  signal: string;
  column: string | null;
  pattern: string;
  match: string;
  origin: string;
  method: Method;
  tier: number;
  /** Precedence rank among the enabled rules (1 wins over everything). */
  rank: number;
}

export interface LineExplanation {
  lineId: number;
  line: Row | null;
  /** The stored decision, or null when the line is unclassified. */
  decision: {
    categoryId: string;
    ruleId: string | null;
    method: string;
    confidence: number;
    accepted: boolean;
    refineRuleId: string | null;
    /** The keyword rule the supplier's profile overruled on this line (it pointed outside what the supplier sells). */
    overruledRuleId: string | null;
    suggestedCategoryId: string | null;
    suggestedConfidence: number | null;
  } | null;
  /** The rule that decided, when a rule did. */
  decidingRule: RuleMatch | null;
  /** Every enabled rule that matches the line, best first; all but the first lost on precedence. */
  matches: RuleMatch[];
}

/** The shape of the enabled rules in the `rule` table. */
async function shapeFromDb(db: DbConnector): Promise<MatchShape> {
  const rows = await queryRows(db, `SELECT DISTINCT field, kind FROM rule WHERE rk IS NOT NULL`);
  const fields = [...new Set(rows.map((r) => String(r.field)))].sort();
  const of = (test: (k: string) => boolean): Field[] => [...new Set(rows.filter((r) => test(String(r.kind))).map((r) => String(r.field)))].sort();
  const inexact = of((k) => k !== 'exact');
  return { fields, exactOnly: fields.filter((f) => !inexact.includes(f)), wordFields: of((k) => k === 'word'), kinds: new Set(rows.map((r) => String(r.kind) as Kind)) };
}

function toMatch(r: Row): RuleMatch {
  return {
    ruleId: String(r.rule_id), categoryId: String(r.category_id), signal: String(r.signal), column: r.column_name === null ? null : String(r.column_name),
    pattern: String(r.pattern), match: String(r.match_kind), origin: String(r.origin), method: String(r.method) as Method,
    tier: Number(r.tier), rank: Number(r.rk),
  };
}

/** Explains one line from the rule set last written by classifyAll / reclassifyForRule. */
export async function explainLine(db: DbConnector, lineId: number): Promise<LineExplanation> {
  await ensureClassifySchema(db);
  const [line] = await queryRows(
    db,
    `SELECT line_id, file, "row", supplier_key, supplier_name, unit, account, account_no, description, item_code, item_scheme, amount
       FROM spend_line WHERE line_id = ${literal(lineId)}`,
  );
  const [c] = await queryRows(db, `SELECT * FROM classification WHERE line_id = ${literal(lineId)}`);
  const shape = await shapeFromDb(db);
  // The dictionary of this one line: every hit below is a hit on this line.
  const full = shape.fields.filter((f) => !shape.exactOnly.includes(f));
  await buildDict(db, full, shape.exactOnly, 'rule', `WHERE l.line_id = ${literal(lineId)}`, 'cls_val');
  await buildHits(db, 'rule', shape, 'cls_val', 'cls_s');
  const rows = await queryRows(db, `SELECT DISTINCT r.* EXCLUDE (words) FROM cls_hit h JOIN rule r ON r.rk = h.rk ORDER BY r.rk`);
  const matches = rows.map(toMatch);
  await dropEngineScratch(db);
  const decision = c
    ? {
        categoryId: String(c.category_id), ruleId: c.rule_id === null ? null : String(c.rule_id), method: String(c.method),
        confidence: Number(c.confidence), accepted: c.accepted !== false, refineRuleId: c.refine_rule_id == null ? null : String(c.refine_rule_id),
        overruledRuleId: c.overruled_rule_id == null ? null : String(c.overruled_rule_id),
        suggestedCategoryId: c.suggested_category_id == null ? null : String(c.suggested_category_id),
        suggestedConfidence: c.suggested_confidence == null ? null : Number(c.suggested_confidence),
      }
    : null;
  const decidingRule = decision?.ruleId ? (matches.find((m) => m.ruleId === decision.ruleId) ?? null) : null;
  return { lineId, line: line ?? null, decision, decidingRule, matches };
}

export interface RuleCatch {
  /** Lines (and spend, absolute amounts) the rule matches. */
  lines: number;
  spend: number;
  /** Of those, lines the rule would decide (it beats the current decision or there is none). */
  wins: { lines: number; spend: number };
  /** Of the wins, lines that no rule decides today. */
  fromUnclassified: { lines: number; spend: number };
  /** Of the wins, what it would take from other rules (or from learned decisions, ruleId null). */
  takenFrom: { ruleId: string | null; categoryId: string; method: string; lines: number; spend: number }[];
  /** A few caught lines, largest first. */
  sample: Row[];
}

/**
 * Previews a rule before it is saved: what it catches and what it would take from other rules.
 * Compares with the rule set in the `rule` table (the last classification run).
 */
export async function ruleCatch(db: DbConnector, rule: Rule, options: { tree?: CategoryTree; sample?: number } = {}): Promise<RuleCatch> {
  await ensureClassifySchema(db);
  const probe = compileRule({ ...rule, enabled: true }, 1_000_000, options.tree ?? defaultCategoryTree());
  await checkFields(db, [probe.field]);
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_probe AS SELECT * FROM rule WHERE FALSE`);
  await db.exec(
    `INSERT INTO cls_probe (rule_id, signal, column_name, pattern, match_kind, category_id, priority, origin, enabled, ordinal, field, kind, norm, tier, method, skel_mode, words, rk)
     SELECT ${[rule.id, rule.signal, rule.column ?? null, rule.pattern, rule.match, rule.categoryId, rule.priority, rule.origin, true, probe.ordinal,
       probe.field, probe.kind, probe.norm, probe.tier, TIER_METHOD[probe.tier] ?? 'keyword', probe.skelMode].map(literal).join(', ')}, NULL, 0`,
  );
  await db.exec(`UPDATE cls_probe SET words = ${WORDS_SQL}`);
  const exact = probe.kind === 'exact';
  const shape: MatchShape = { fields: [probe.field], exactOnly: exact ? [probe.field] : [], wordFields: probe.kind === 'word' ? [probe.field] : [], kinds: new Set([probe.kind]) };
  // With a fresh full run the probe matches its dictionary (and word tables); else one scan builds them.
  const state = await fullRunState(db);
  const full = !!state?.fields.includes(probe.field) && !state.filtered.includes(probe.field);
  const reuse = full && (probe.kind !== 'word' || !!state?.words.includes(probe.field));
  if (!full) await buildDict(db, exact ? [] : [probe.field], exact ? [probe.field] : [], 'cls_probe', '', 'cls_val');
  await buildHits(db, 'cls_probe', shape, full ? 'cls_dict' : 'cls_val', reuse ? 'cls' : 'cls_s', reuse);
  // Precedence as in the rank: lower tier, then higher priority, then longer pattern; a tie keeps the old rule.
  const beats = `(w.rule_id IS NULL OR p.tier < w.tier OR (p.tier = w.tier AND (p.priority > w.priority
                   OR (p.priority = w.priority AND length(p.norm) > length(w.norm)))))`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_catch AS
     SELECT l.line_id, abs(l.amount) AS spend, c.rule_id AS current_rule, c.category_id AS current_category, c.method AS current_method,
            coalesce(c.accepted, FALSE) AS decided,
            NOT coalesce(c.accepted, FALSE) OR c.rule_id = ${literal(rule.id)} OR ${beats} AS wins
       FROM spend_line l JOIN cls_best b ON b.h = ${fieldHashSql(probe.field, 'l')}
       CROSS JOIN cls_probe p
       LEFT JOIN classification c ON c.line_id = l.line_id
       LEFT JOIN rule w ON w.rule_id = c.rule_id`,
  );
  const [t] = await queryRows(
    db,
    `SELECT count(*) AS lines, coalesce(sum(spend), 0)::DOUBLE AS spend,
            count(*) FILTER (WHERE wins) AS win_lines, coalesce(sum(spend) FILTER (WHERE wins), 0)::DOUBLE AS win_spend,
            count(*) FILTER (WHERE wins AND NOT decided) AS free_lines, coalesce(sum(spend) FILTER (WHERE wins AND NOT decided), 0)::DOUBLE AS free_spend
       FROM cls_catch`,
  );
  const taken = await queryRows(
    db,
    `SELECT current_rule, current_category, current_method, count(*) AS lines, sum(spend)::DOUBLE AS spend FROM cls_catch
      WHERE wins AND decided AND current_rule IS DISTINCT FROM ${literal(rule.id)} AND current_category <> ${literal(rule.categoryId)}
      GROUP BY ALL ORDER BY spend DESC`,
  );
  const sample = await queryRows(
    db,
    `SELECT l.line_id, l.supplier_name, l.description, l.amount, c.current_category, c.current_method, c.wins
       FROM cls_catch c JOIN spend_line l USING (line_id) ORDER BY c.spend DESC LIMIT ${literal(options.sample ?? 20)}`,
  );
  await dropEngineScratch(db);
  return {
    lines: Number(t?.lines ?? 0), spend: Number(t?.spend ?? 0),
    wins: { lines: Number(t?.win_lines ?? 0), spend: Number(t?.win_spend ?? 0) },
    fromUnclassified: { lines: Number(t?.free_lines ?? 0), spend: Number(t?.free_spend ?? 0) },
    takenFrom: taken.map((r) => ({
      ruleId: r.current_rule === null ? null : String(r.current_rule), categoryId: String(r.current_category), method: String(r.current_method),
      lines: Number(r.lines), spend: Number(r.spend),
    })),
    sample,
  };
}
