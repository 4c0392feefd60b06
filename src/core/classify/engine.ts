// The classification engine: rules compiled to set-based SQL, one pass over the lines, the
// winner by precedence (see rules.ts, TIERS), learned suggestions for what no rule caught.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { hasModel, trainModel } from './learned.js';
import { acceptLearned, predictLearned } from './learned-predict.js';
import { buildDict, buildLineTable, lineTableFields, MODEL_FIELDS, scopedValues } from './lines-sql.js';
import { buildHits, checkFields, decisionSql, lineRankSql, matchShape, valueTable, type MatchShape, type Scope } from './match-sql.js';
import { compileRules, writeRules, type CompiledRule } from './rule-table.js';
import type { Rule } from './rules.js';
import { ensureClassifySchema } from './schema.js';
import { columnField, hashColumn, type Field } from './text-sql.js';

export interface ClassifyOptions {
  tree?: CategoryTree;
  /** Train the learned model and propose categories for the lines no rule caught (default true). */
  learn?: boolean;
  /** Accept learned proposals at or above this confidence right away (default: accept none). */
  acceptLearned?: number;
}

export interface ClassifyStats {
  /** Lines looked at (all lines, or the affected lines of an incremental run). */
  lines: number;
  /** Of those, decided by a rule. */
  byRule: number;
  /** Of those, given a learned suggestion. */
  suggested: number;
  /** Learned suggestions accepted in this run. */
  accepted: number;
  ms: { rules: number; learned: number; total: number };
  /** Set when an incremental run had to classify everything. */
  full?: boolean;
}

async function count(db: DbConnector, sql: string): Promise<number> {
  const rows = await queryRows(db, sql);
  return Number(rows[0]?.n ?? 0);
}

/** Rule decisions for the lines in scope: old rows out, one INSERT ... SELECT in. */
async function decide(db: DbConnector, shape: MatchShape, scope: Scope): Promise<void> {
  await buildHits(db, 'rule', shape, valueTable(scope));
  await db.exec(scope === 'all' ? 'DELETE FROM classification' : 'DELETE FROM classification WHERE line_id IN (SELECT line_id FROM cls_scope)');
  await db.exec(
    `INSERT INTO classification (line_id, category_id, rule_id, method, confidence, accepted, refine_rule_id)
     ${decisionSql(lineRankSql(shape.fields, scope))}`,
  );
}

/** Fields the dictionary keeps in full, and those (exact rules only, not read by the model) it filters. */
function dictFields(shape: MatchShape): { lineFields: Field[]; full: Field[]; filtered: Field[] } {
  const lineFields = [...new Set([...MODEL_FIELDS, ...shape.fields])];
  const filtered = shape.exactOnly.filter((f) => !MODEL_FIELDS.includes(f));
  return { lineFields, full: lineFields.filter((f) => !filtered.includes(f)), filtered };
}

async function finish(db: DbConnector, scope: Scope, options: ClassifyOptions, started: number, rulesDone: number, learnedDone: number): Promise<ClassifyStats> {
  const inScope = scope === 'all' ? '' : 'WHERE line_id IN (SELECT line_id FROM cls_scope)';
  const accepted = options.acceptLearned === undefined ? 0 : (await acceptLearned(db, options.acceptLearned)).lines;
  const [row] = await queryRows(
    db,
    `SELECT (SELECT count(*) FROM spend_line ${inScope}) AS lines,
            count(*) FILTER (WHERE method <> 'learned') AS by_rule,
            count(*) FILTER (WHERE method = 'learned') AS suggested
       FROM classification ${inScope}`,
  );
  const now = performance.now();
  return {
    lines: Number(row?.lines ?? 0),
    byRule: Number(row?.by_rule ?? 0),
    suggested: Number(row?.suggested ?? 0),
    accepted,
    ms: { rules: rulesDone - started, learned: learnedDone - rulesDone, total: now - started },
  };
}

/**
 * Classifies every line: the enabled rules decide by precedence, then (unless `learn: false`) the
 * learned model is trained on those decisions and proposes categories for the rest.
 */
export async function classifyAll(db: DbConnector, rules: readonly Rule[], options: ClassifyOptions = {}): Promise<ClassifyStats> {
  const started = performance.now();
  const tree = options.tree ?? defaultCategoryTree();
  const compiled = compileRules(rules, tree);
  await ensureClassifySchema(db);
  await writeRules(db, compiled, tree);
  const shape = matchShape(compiled);
  const { lineFields, full, filtered } = dictFields(shape);
  await checkFields(db, lineFields);
  await buildLineTable(db, lineFields);
  await buildDict(db, full, filtered, 'rule');
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_dict_meta AS SELECT ${literal(JSON.stringify(filtered))} AS filtered`);
  await decide(db, shape, 'all');
  const rulesDone = performance.now();
  if (options.learn !== false) {
    await trainModel(db, shape.wordFields.includes(columnField('description')));
    await predictLearned(db, 'all');
  }
  return finish(db, 'all', options, started, rulesDone, performance.now());
}

/** Whether the line table and dictionary of the last full run can serve an incremental run. */
async function incrementalReady(db: DbConnector, shape: MatchShape, changed: CompiledRule | undefined): Promise<boolean> {
  const fields = await lineTableFields(db);
  if (!fields || !shape.fields.every((f) => fields.includes(f))) return false;
  const [meta] = await queryRows(db, `SELECT filtered FROM cls_dict_meta`);
  const filtered = JSON.parse(String(meta?.filtered ?? '[]')) as Field[];
  // A filtered field's dictionary only knows the values the old rules named.
  return !shape.fields.some((f) => filtered.includes(f) && (!shape.exactOnly.includes(f) || f === changed?.field));
}

/**
 * After one rule was added, edited, disabled or deleted: re-decides only the lines the rule
 * catches now or decided before. `rules` is the whole new rule set; `changed` the rule as it is now
 * (for a deleted rule, pass the old rule; it is simply no longer in `rules`). Learned suggestions
 * for lines that lost their rule come from the model trained by the last classifyAll. Falls back to
 * classifyAll when the lines changed since, or the rule reads a field the last run did not hash.
 */
export async function reclassifyForRule(db: DbConnector, rules: readonly Rule[], changed: Rule, options: ClassifyOptions = {}): Promise<ClassifyStats> {
  const started = performance.now();
  const tree = options.tree ?? defaultCategoryTree();
  const compiled = compileRules(rules, tree);
  await ensureClassifySchema(db);
  const shape = matchShape(compiled);
  const now = compiled.find((c) => c.rule.id === changed.id);
  if (!(await incrementalReady(db, shape, now))) return { ...(await classifyAll(db, rules, options)), full: true };
  await writeRules(db, compiled, tree);
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_scope AS SELECT line_id FROM classification WHERE rule_id = ${literal(changed.id)}`);
  if (now?.rule.enabled) {
    await db.exec(`CREATE OR REPLACE TEMP TABLE cls_one AS SELECT * FROM rule WHERE rule_id = ${literal(changed.id)}`);
    await buildHits(db, 'cls_one', matchShape([now]), 'cls_dict');
    await db.exec(
      `INSERT INTO cls_scope SELECT cl.line_id FROM cls_line cl
         JOIN (SELECT h FROM cls_best WHERE field = ${literal(now.field)}) b ON b.h = cl.${hashColumn(now.field)}`,
    );
  }
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_scope AS SELECT DISTINCT line_id FROM cls_scope`);
  await scopedValues(db, shape.fields);
  await decide(db, shape, 'scoped');
  const rulesDone = performance.now();
  if (options.learn !== false && (await hasModel(db))) await predictLearned(db, 'scoped');
  return finish(db, 'scoped', options, started, rulesDone, performance.now());
}

/** Lines and classified lines, for a quick check. */
export async function classifiedCount(db: DbConnector): Promise<{ lines: number; classified: number }> {
  return {
    lines: await count(db, 'SELECT count(*) AS n FROM spend_line'),
    classified: await count(db, 'SELECT count(*) AS n FROM classification WHERE accepted'),
  };
}
