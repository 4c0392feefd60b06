// Changes to the user's rule set: validate, save (rule-store), then re-classify, incrementally
// (reclassifyForRule) when few rules changed, else in one full pass. Accepted learned suggestions
// survive both (the engine keeps them where no rule catches the line now).
import {
  builtinRules, classifyAll, exportRules, importRules, reclassifyForRule, RuleSetError, ruleProblems, type ClassifyStats, type Rule,
} from '../classify/index.js';
import type { DbConnector } from '../db/connector.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { loadBuiltinOff, loadBuiltinRules, loadUserRules, saveBuiltinOff, saveUserRules } from '../workspace/rule-store.js';
import { serialized } from './serial.js';

/** Up to this many changed rules are re-classified one by one; more take one full pass. */
export const INCREMENTAL_MAX = 3;

export interface RuleChangeResult {
  /** The user's rules as saved. */
  rules: Rule[];
  stats: ClassifyStats;
  /** False when a full pass ran (many rules, or the engine had to fall back). */
  incremental: boolean;
  ms: number;
}

export interface EditOptions {
  tree?: CategoryTree;
}

/** Problems with a user rule set, in Danish (duplicate ids, built-in ids, unusable rules). */
export function userRuleProblems(rules: readonly Rule[], tree: CategoryTree): string[] {
  const categories = new Set(tree.categories.map((c) => c.id));
  const builtin = new Set(builtinRules(tree).map((r) => r.id));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of rules) {
    if (seen.has(r.id) || builtin.has(r.id)) problems.push(`id "${r.id}" bruges af to regler`);
    seen.add(r.id);
    for (const p of ruleProblems(r, categories)) problems.push(`regel "${r.id}": ${p}`);
  }
  return problems;
}

async function reclassify(db: DbConnector, userRules: readonly Rule[], changed: readonly Rule[], tree: CategoryTree): Promise<{ stats: ClassifyStats; incremental: boolean }> {
  const all = [...(await loadBuiltinRules(db, tree)), ...userRules];
  const options = { tree, learn: true };
  if (changed.length > INCREMENTAL_MAX) return { stats: await classifyAll(db, all, options), incremental: false };
  let stats: ClassifyStats | null = null;
  for (const rule of changed) {
    const s = await reclassifyForRule(db, all, rule, options);
    stats = stats ? { ...s, lines: stats.lines + s.lines, byRule: stats.byRule + s.byRule, suggested: stats.suggested + s.suggested } : s;
    // A full pass has re-decided every line: the other changes are in it.
    if (s.full) return { stats: s, incremental: false };
  }
  return { stats: stats ?? { lines: 0, byRule: 0, suggested: 0, accepted: 0, ms: { rules: 0, learned: 0, total: 0 } }, incremental: true };
}

export interface RuleEdit {
  /** The user's rules after the edit. */
  next: Rule[];
  /** The rules as they are now (a deleted rule as it was): the lines to re-decide. */
  changed: Rule[];
}

/**
 * Edits the user's rules: `edit` gets the saved rules and returns the new set; the set is checked
 * (RuleSetError, in Danish, before anything is saved), saved and re-classified. Edits run one at a
 * time, each on the rules the one before saved.
 */
export function editRules(db: DbConnector, edit: (current: Rule[]) => RuleEdit, options: EditOptions = {}): Promise<RuleChangeResult> {
  const tree = options.tree ?? defaultCategoryTree();
  return serialized(db, async () => {
    const started = performance.now();
    const { next, changed } = edit(await loadUserRules(db, tree));
    const problems = userRuleProblems(next, tree);
    if (problems.length) throw new RuleSetError(problems);
    await saveUserRules(db, next);
    const { stats, incremental } = await reclassify(db, next, changed, tree);
    return { rules: [...next], stats, incremental, ms: performance.now() - started };
  });
}

/** Adds rules, or replaces the user rules with the same id (an edited rule's old lines are found by its id). */
export function upsertRules(db: DbConnector, rules: readonly Rule[], options: EditOptions = {}): Promise<RuleChangeResult> {
  const ids = new Set(rules.map((r) => r.id));
  return editRules(db, (current) => ({ next: [...current.filter((r) => !ids.has(r.id)), ...rules], changed: [...rules] }), options);
}

/** Switches a user rule on or off. */
export function setRuleEnabled(db: DbConnector, id: string, enabled: boolean, options: EditOptions = {}): Promise<RuleChangeResult> {
  return editRules(
    db,
    (current) => {
      const rule = current.find((r) => r.id === id);
      if (!rule) throw new Error(`Reglen "${id}" findes ikke`);
      const changed = { ...rule, enabled };
      return { next: current.map((r) => (r.id === id ? changed : r)), changed: [changed] };
    },
    options,
  );
}

/**
 * Switches a built-in rule off or on for this workspace (a keyword that misleads in this
 * municipality's texts), then re-decides the lines it caught or would catch.
 */
export function setBuiltinRuleEnabled(db: DbConnector, id: string, enabled: boolean, options: EditOptions = {}): Promise<RuleChangeResult> {
  const tree = options.tree ?? defaultCategoryTree();
  return serialized(db, async () => {
    const started = performance.now();
    const rule = builtinRules(tree).find((r) => r.id === id);
    if (!rule) throw new Error(`Den indbyggede regel "${id}" findes ikke`);
    const off = await loadBuiltinOff(db);
    if (enabled) off.delete(id);
    else off.add(id);
    await saveBuiltinOff(db, off);
    const user = await loadUserRules(db, tree);
    const { stats, incremental } = await reclassify(db, user, [{ ...rule, enabled }], tree);
    return { rules: user, stats, incremental, ms: performance.now() - started };
  });
}

/** Deletes user rules by id. */
export function deleteRules(db: DbConnector, ids: readonly string[], options: EditOptions = {}): Promise<RuleChangeResult> {
  return editRules(db, (current) => ({ next: current.filter((r) => !ids.includes(r.id)), changed: current.filter((r) => ids.includes(r.id)) }), options);
}

/** The user's rule set as JSON (exportRules), to carry to the next municipality. */
export async function exportUserRules(db: DbConnector, tree?: CategoryTree): Promise<string> {
  return exportRules(await loadUserRules(db, tree));
}

export interface ImportResult extends RuleChangeResult {
  added: number;
  replaced: number;
  /** Built-in rules in the file are left out: the built-in set comes with the category tree. */
  skippedBuiltin: number;
}

/**
 * Reads a rule set (throws RuleImportError with Danish problems on a bad file) and merges it into
 * the user's rules: a rule with the same id replaces the old one.
 */
export async function importRuleSet(db: DbConnector, json: string, options: EditOptions = {}): Promise<ImportResult> {
  const tree = options.tree ?? defaultCategoryTree();
  const incoming = importRules(json, tree);
  const usable = incoming.filter((r) => r.origin !== 'builtin');
  const ids = new Set(usable.map((r) => r.id));
  let replaced = 0;
  const result = await editRules(
    db,
    (current) => {
      replaced = current.filter((r) => ids.has(r.id)).length;
      return { next: [...current.filter((r) => !ids.has(r.id)), ...usable], changed: usable };
    },
    { tree },
  );
  return { ...result, added: usable.length - replaced, replaced, skippedBuiltin: incoming.length - usable.length };
}
