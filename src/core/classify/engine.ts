// The classification engine: rules compiled to set-based SQL, one pass over the lines, the
// winner by precedence (see rules.ts, TIERS), learned suggestions for what no rule caught.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { list, literal } from '../sql/escape.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { hasModel, trainModel } from './learned.js';
import { acceptLearned, predictLearned } from './learned-predict.js';
import { buildDict, buildLineTable, fullRunState, MODEL_FIELDS, saveDictMeta, scopedValues, type FullRunState } from './lines-sql.js';
import { buildHits, checkFields, decisionSql, lineRankSql, matchShape, valueTable, type MatchShape, type Scope } from './match-sql.js';
import { compileRules, writeRules, type CompiledRule } from './rule-table.js';
import { TIERS, type Rule } from './rules.js';
import { ensureClassifySchema } from './schema.js';
import { dropEngineScratch } from './scratch.js';
import { changedProfiles, currentProfileRules, overruleConflicts, profileRule, scopeSupplierKeys, supplierProfiles } from './supplier-profile.js';
import { columnField, hashColumn, type Field } from './text-sql.js';

export interface ClassifyOptions {
  tree?: CategoryTree;
  /** Train the learned model and propose categories for the lines no rule caught (default true). */
  learn?: boolean;
  /** Accept learned proposals at or above this confidence right away (default: accept none). */
  acceptLearned?: number;
  /** With acceptLearned: level-2 suggestions under a rule's level-1 decision from this confidence (default the same). */
  acceptRefine?: number;
  /** Lend suppliers' clear categories to their undecided lines (supplier-profile.ts; default true). */
  profiles?: boolean;
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
  /**
   * Set when unattended acceptance (`acceptLearned`) was asked for but not done: rules decided only
   * this share of the lines, too little for the model's confidence to mean anything (the value).
   */
  acceptanceSkipped?: number;
}

/**
 * Learned proposals are accepted unattended only when rules decided at least this share of the lines
 * in the run: a model trained on a sliver of the data (Danish keywords on an English file: Sheffield,
 * 3 % of lines) is confidently wrong about the rest. A person can still accept them in Klassificering.
 */
export const MIN_RULE_SHARE_TO_ACCEPT = 0.5;

/** What the learned model learned from: the lines rules (or people) decided, of all lines. */
export interface ModelBasis {
  lines: number;
  decided: number;
  share: number;
  /** At least MIN_RULE_SHARE_TO_ACCEPT: enough for its confidence to accept suggestions in bulk. */
  enough: boolean;
}

export async function modelBasis(db: DbConnector, signal?: AbortSignal): Promise<ModelBasis> {
  const [row] = await queryRows(
    db,
    `SELECT count(*) AS lines, count(*) FILTER (WHERE c.method IS NOT NULL AND c.method <> 'learned') AS decided
       FROM spend_line l LEFT JOIN classification c USING (line_id)`,
    { signal },
  );
  const lines = Number(row?.lines ?? 0);
  const decided = Number(row?.decided ?? 0);
  const share = decided / Math.max(lines, 1);
  return { lines, decided, share, enough: share >= MIN_RULE_SHARE_TO_ACCEPT };
}

/**
 * Rule decisions for the lines in scope: old rows out, one INSERT ... SELECT in. Learned proposals a
 * person accepted are decisions too: they come back where no rule catches the line now, and an
 * accepted level-2 choice comes back under the same rule's level-1 decision.
 */
async function decide(db: DbConnector, shape: MatchShape, scope: Scope): Promise<void> {
  const inScope = scope === 'all' ? '' : 'AND line_id IN (SELECT line_id FROM cls_scope)';
  await buildHits(db, 'rule', shape, valueTable(scope), scope === 'all' ? 'cls' : 'cls_s');
  const kept = `accepted AND (method = 'learned' OR refine_rule_id = 'learned') ${inScope}`;
  if (scope === 'all') {
    await db.exec(`CREATE OR REPLACE TEMP TABLE cls_keep AS SELECT * FROM classification WHERE ${kept}`);
  } else {
    // Scoped, the line ids first: reading every column of every decision took 75–80 ms of a rule
    // edit at 1M lines, the ids 30–35 ms; most edits keep nothing, and then that is all.
    await db.exec(`CREATE OR REPLACE TEMP TABLE cls_keep_ids AS SELECT line_id FROM classification WHERE ${kept}`);
    const [row] = await queryRows(db, `SELECT count(*) AS n FROM cls_keep_ids`);
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE cls_keep AS SELECT * FROM classification
        WHERE ${Number(row?.n ?? 0) > 0 ? 'line_id IN (SELECT line_id FROM cls_keep_ids)' : 'FALSE'};
       DROP TABLE cls_keep_ids`,
    );
  }
  await db.exec(`DELETE FROM classification WHERE TRUE ${inScope}`);
  await db.exec(
    `INSERT INTO classification (line_id, category_id, rule_id, method, confidence, accepted, refine_rule_id)
     ${decisionSql(lineRankSql(shape.fields, scope))}`,
  );
  await db.exec(
    `INSERT INTO classification SELECT k.* FROM cls_keep k
      WHERE k.method = 'learned' AND NOT EXISTS (SELECT 1 FROM classification c WHERE c.line_id = k.line_id)`,
  );
  // The kept refinements with their parent first, then an UPDATE from that one table (an UPDATE with
  // joins in its FROM ran several times slower in DuckDB).
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_keep_refined AS
     SELECT k.line_id, k.category_id, k.confidence, k.rule_id, cat.parent_id
       FROM cls_keep k JOIN cls_category cat ON cat.category_id = k.category_id WHERE k.method <> 'learned'`,
  );
  await db.exec(
    `UPDATE classification SET category_id = k.category_id, confidence = k.confidence, refine_rule_id = 'learned'
       FROM cls_keep_refined k
      WHERE classification.line_id = k.line_id
        AND classification.rule_id IS NOT DISTINCT FROM k.rule_id AND classification.category_id = k.parent_id`,
  );
}

/**
 * Supplier profiles from the decisions just made (supplier-profile.ts): when they differ from
 * `previous`, the rule table gets the new ones and the lines of the suppliers whose profile changed
 * are decided again. Profiles come from tiers above their own, so one pass settles them. Then the
 * keyword decisions that conflict with their supplier's profile are overruled by it.
 */
async function applyProfiles(db: DbConnector, baseRules: readonly Rule[], tree: CategoryTree, previous: readonly Rule[], scope?: string): Promise<void> {
  const known = new Set(tree.categories.map((c) => c.id));
  // Scoped: only the suppliers with a line in the scope are looked at; the others keep their profiles.
  const affected = scope ? await scopeSupplierKeys(db, scope, 'cls_profile_keys') : null;
  const fresh = (await supplierProfiles(db, affected !== null)).filter((p) => known.has(p.categoryId)).map(profileRule);
  const next = affected ? [...previous.filter((r) => !affected.has(r.pattern)), ...fresh] : fresh;
  const changed = changedProfiles(previous, next);
  // Lines a profile overruled whose conflict is gone (the supplier's other decisions moved) are decided
  // again. cls_pl_c holds those suppliers' decisions as supplierProfiles read them: nothing wrote since.
  const stale = affected
    ? `UNION SELECT line_id FROM cls_pl_c WHERE overruled_rule_id IS NOT NULL AND line_id NOT IN (SELECT line_id FROM cls_conflict)`
    : '';
  const compiled = compileRules([...baseRules, ...next], tree);
  if (changed.length) await writeRules(db, compiled, tree);
  if (changed.length || stale) {
    const shape = matchShape(compiled);
    // Of those suppliers' lines, only those a profile can decide differently: a rule of a tier above
    // the profiles' decides the rest as before (a full run re-decided 87 % of the 1M bench lines, 2.4 s).
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE cls_scope AS
       SELECT line_id FROM (SELECT line_id FROM spend_line WHERE ${changed.length ? `supplier_key IN (${list(changed)})` : 'FALSE'})
        ANTI JOIN (SELECT c.line_id FROM classification c JOIN rule r ON r.rule_id = c.rule_id AND r.tier < ${TIERS.supplierProfile} WHERE c.accepted) USING (line_id)
       ${stale}`,
    );
    const [row] = await queryRows(db, `SELECT count(*) AS n FROM cls_scope`);
    if (Number(row?.n ?? 0) > 0) {
      await scopedValues(db, shape.fields);
      await decide(db, shape, 'scoped');
    }
  }
  await overruleConflicts(db);
}

/** Fields the dictionary keeps in full, and those (exact rules only, not read by the model) it filters. */
function dictFields(shape: MatchShape): { lineFields: Field[]; full: Field[]; filtered: Field[] } {
  const lineFields = [...new Set([...MODEL_FIELDS, ...shape.fields])];
  const filtered = shape.exactOnly.filter((f) => !MODEL_FIELDS.includes(f));
  return { lineFields, full: lineFields.filter((f) => !filtered.includes(f)), filtered };
}

async function finish(db: DbConnector, scope: Scope, options: ClassifyOptions, started: number, rulesDone: number, learnedDone: number): Promise<ClassifyStats> {
  const inScope = scope === 'all' ? '' : 'WHERE line_id IN (SELECT line_id FROM cls_scope)';
  const basis = options.acceptLearned === undefined ? undefined : await modelBasis(db);
  const ruleShare = basis?.share ?? 0;
  const skip = basis !== undefined && !basis.enough;
  const accepted = options.acceptLearned === undefined || skip ? 0 : (await acceptLearned(db, options.acceptLearned, options.acceptRefine)).lines;
  const [row] = await queryRows(
    db,
    // Scoped, cls_scope holds distinct lines (a UNION): counting it spares a scan of every line.
    `SELECT (SELECT count(*) FROM ${scope === 'all' ? 'spend_line' : 'cls_scope'}) AS lines,
            count(*) FILTER (WHERE method <> 'learned') AS by_rule,
            count(*) FILTER (WHERE method = 'learned') AS suggested
       FROM classification ${inScope}`,
  );
  await dropEngineScratch(db);
  const now = performance.now();
  return {
    lines: Number(row?.lines ?? 0),
    byRule: Number(row?.by_rule ?? 0),
    suggested: Number(row?.suggested ?? 0),
    accepted,
    ms: { rules: rulesDone - started, learned: learnedDone - rulesDone, total: now - started },
    ...(skip ? { acceptanceSkipped: ruleShare } : {}),
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
  await saveDictMeta(db, filtered, shape.wordFields);
  await decide(db, shape, 'all');
  if (options.profiles !== false) await applyProfiles(db, rules, tree, []);
  const rulesDone = performance.now();
  if (options.learn !== false) {
    await trainModel(db, shape.wordFields.includes(columnField('description')));
    await predictLearned(db, 'all');
  }
  return finish(db, 'all', options, started, rulesDone, performance.now());
}

/** Whether the line table and dictionary of the last full run can serve an incremental run. */
function incrementalReady(state: FullRunState | null, shape: MatchShape, changed: CompiledRule | undefined): state is FullRunState {
  if (!state || !shape.fields.every((f) => state.fields.includes(f))) return false;
  // A filtered field's dictionary only knows the values exact rules named; a new exact rule adds its own.
  return !shape.fields.some((f) => state.filtered.includes(f) && (!shape.exactOnly.includes(f) || (f === changed?.field && changed.kind !== 'exact')));
}

/**
 * After one rule was added, edited, disabled or deleted: re-decides only the lines the rule
 * catches now or decided before. `rules` is the whole new rule set; `changed` the rule as it is now
 * (for a deleted rule, pass the old rule; it is simply no longer in `rules`). Learned suggestions
 * for lines that lost their rule come from the model trained by the last classifyAll. Falls back to
 * classifyAll when the lines changed since, or a rule reads a field the last run did not hash.
 */
export async function reclassifyForRule(db: DbConnector, rules: readonly Rule[], changed: Rule, options: ClassifyOptions = {}): Promise<ClassifyStats> {
  const started = performance.now();
  const tree = options.tree ?? defaultCategoryTree();
  await ensureClassifySchema(db);
  // The last run's supplier profiles stay in the rule set; they are brought up to date below.
  const profiles = options.profiles === false ? [] : await currentProfileRules(db);
  const compiled = compileRules([...rules, ...profiles], tree);
  const shape = matchShape(compiled);
  const now = compiled.find((c) => c.rule.id === changed.id);
  const state = await fullRunState(db);
  if (!incrementalReady(state, shape, now)) return { ...(await classifyAll(db, rules, options)), full: true };
  await writeRules(db, compiled, tree);
  const id = literal(changed.id);
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_scope AS SELECT line_id FROM classification WHERE rule_id = ${id} OR refine_rule_id = ${id} OR overruled_rule_id = ${id}`);
  if (now?.rule.enabled) {
    await db.exec(`CREATE OR REPLACE TEMP TABLE cls_one AS SELECT * FROM rule WHERE rule_id = ${id}`);
    if (state.filtered.includes(now.field)) {
      // An exact rule on a filtered field (a manual line override): its value joins the dictionary.
      await buildDict(db, [], [now.field], 'cls_one', '', 'cls_dict_add');
      await db.exec(`INSERT INTO cls_dict SELECT * FROM cls_dict_add a WHERE NOT EXISTS (SELECT 1 FROM cls_dict d WHERE d.field = a.field AND d.h = a.h)`);
    }
    // The full run's word tables hold every description; a word rule on another field tokenises its own.
    const reuse = now.kind !== 'word' || state.words.includes(now.field);
    await buildHits(db, 'cls_one', matchShape([now]), 'cls_dict', reuse ? 'cls' : 'cls_s', reuse);
    await db.exec(
      `INSERT INTO cls_scope SELECT cl.line_id FROM cls_line cl
         JOIN (SELECT h FROM cls_best WHERE field = ${literal(now.field)}) b ON b.h = cl.${hashColumn(now.field)}`,
    );
  }
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_scope AS SELECT DISTINCT line_id FROM cls_scope`);
  await scopedValues(db, shape.fields);
  await decide(db, shape, 'scoped');
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_changed AS SELECT line_id FROM cls_scope`);
  if (options.profiles !== false) await applyProfiles(db, rules, tree, profiles, 'cls_changed');
  // The lines the model looks at: those the rule touched and those of suppliers whose profile changed.
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_scope AS SELECT line_id FROM cls_changed UNION SELECT line_id FROM cls_scope`);
  const rulesDone = performance.now();
  if (options.learn !== false && (await hasModel(db))) await predictLearned(db, 'scoped');
  return finish(db, 'scoped', options, started, rulesDone, performance.now());
}
