// The rule model: every classification decision except a learned suggestion is a rule, so every
// decision can be explained, exported and carried to the next municipality. See docs/classification.md.
import type { CategoryTree } from '../taxonomy/category-tree.js';

export type Signal = 'itemCode' | 'supplier' | 'account' | 'keyword' | 'column';
export type MatchKind = 'exact' | 'prefix' | 'contains' | 'word';
export type RuleOrigin = 'builtin' | 'user' | 'learned' | 'manual' | 'profile';
export type Method = 'manual' | 'item_code' | 'user_rule' | 'supplier' | 'account' | 'keyword' | 'supplier_profile' | 'learned';

export interface Rule {
  id: string;
  signal: Signal;
  /** For signal 'column': the spend_line column the rule reads (unit, account_no, description...). */
  column?: string;
  /**
   * What to look for. itemCode: "unspsc:4412" or "cpv:30192" (scheme, colon, digits); account: an art
   * such as "5" or "2.2"; supplier: a supplier key ("cvr:12345678"); keyword/column: text (case-insensitive).
   */
  pattern: string;
  match: MatchKind;
  categoryId: string;
  /** Within one precedence tier the higher priority wins; ties go to the longer pattern, then the earlier rule. */
  priority: number;
  origin: RuleOrigin;
  enabled: boolean;
  /** Free text for people ("why this rule"); ignored by the engine. */
  note?: string;
}

export const SIGNALS: readonly Signal[] = ['itemCode', 'supplier', 'account', 'keyword', 'column'];
export const MATCH_KINDS: readonly MatchKind[] = ['exact', 'prefix', 'contains', 'word'];
/** Origins a rule set file may carry; supplier profiles are derived in each run, never imported. */
export const ORIGINS: readonly RuleOrigin[] = ['builtin', 'user', 'learned', 'manual'];

/**
 * Precedence tiers, first match wins (lower tier wins). The design's order, with one refinement:
 * an art that marks non-addressable spend (salaries, transfers, payments to public bodies) decides
 * before keywords, while a purchase art (2.2 food, 4.5 works) only decides when no keyword and no
 * supplier profile names the thing bought: an art is a budget type, and finance staff book on
 * neighbouring arts. A supplier profile (supplier-profile.ts: the supplier's lines decided above lie
 * clearly in one category) lends that category to its lines nothing above decides.
 */
export const TIERS = {
  manual: 0,
  itemCode: 1,
  user: 2,
  supplier: 3,
  accountNonAddressable: 4,
  keyword: 5,
  supplierProfile: 6,
  accountPurchase: 7,
  learned: 8,
} as const;

/** Coarse signals whose level-2 choice a keyword under the same level-1 category may refine. */
export const REFINABLE_TIERS: readonly number[] = [TIERS.itemCode, TIERS.supplier, TIERS.accountNonAddressable];

export const TIER_METHOD: Record<number, Method> = {
  0: 'manual', 1: 'item_code', 2: 'user_rule', 3: 'supplier', 4: 'account', 5: 'keyword', 6: 'supplier_profile', 7: 'account', 8: 'learned',
};

/** The tier of a rule; `addressable` tells whether the rule's category is addressable spend. */
export function ruleTier(rule: Pick<Rule, 'origin' | 'signal'>, addressable: boolean): number {
  if (rule.origin === 'manual') return TIERS.manual;
  if (rule.signal === 'itemCode') return TIERS.itemCode;
  if (rule.origin === 'user') return TIERS.user;
  if (rule.origin === 'profile') return TIERS.supplierProfile;
  if (rule.signal === 'supplier') return TIERS.supplier;
  if (rule.signal === 'account') return addressable ? TIERS.accountPurchase : TIERS.accountNonAddressable;
  return TIERS.keyword;
}

const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;
const ITEM_PATTERN = /^(unspsc|cpv):\d{1,8}$/;
const ART_PATTERN = /^\d+(\.\d+)*$/;

/** Normalises a pattern the way the engine compares it (lowercase, trimmed, art commas as dots). */
export function normalizePattern(rule: Pick<Rule, 'signal' | 'pattern'>): string {
  const p = rule.pattern.trim().toLowerCase();
  if (rule.signal === 'account') return p.replace(/,/g, '.').replace(/\s+/g, '');
  if (rule.signal === 'itemCode') return p.replace(/\s+/g, '');
  return p;
}

/** Problems with one rule, in Danish; empty when the rule can be used. */
export function ruleProblems(rule: Rule, categories?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const p = normalizePattern(rule);
  if (!p) problems.push('mønsteret er tomt');
  if (rule.signal === 'column' && (!rule.column || !COLUMN_NAME.test(rule.column))) {
    problems.push(`kolonnen skal være et kolonnenavn som "unit" eller "description" (fik ${JSON.stringify(rule.column ?? null)})`);
  }
  if (rule.signal === 'itemCode' && !ITEM_PATTERN.test(p)) problems.push(`varekoden skal skrives "unspsc:4412" eller "cpv:30192" (fik "${rule.pattern}")`);
  if (rule.signal === 'itemCode' && rule.match !== 'prefix' && rule.match !== 'exact') problems.push('en varekode-regel skal matche "prefix" eller "exact"');
  if (rule.signal === 'account' && !ART_PATTERN.test(p)) problems.push(`arten skal skrives som "5" eller "2.2" (fik "${rule.pattern}")`);
  if (rule.signal === 'account' && rule.match !== 'prefix' && rule.match !== 'exact') problems.push('en art-regel skal matche "prefix" eller "exact"');
  if (categories && !categories.has(rule.categoryId)) problems.push(`kategorien "${rule.categoryId}" findes ikke i kategoritræet`);
  if (!Number.isFinite(rule.priority)) problems.push('prioriteten skal være et tal');
  return problems;
}

/**
 * The built-in rules, generated from the tree's crosswalk: CPV/UNSPSC prefixes → item-code rules,
 * arter → account rules, keywords → keyword rules. Priority 0: the longest pattern wins, ties go
 * to the category listed first in the tree.
 */
export function builtinRules(tree: CategoryTree): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  const add = (signal: Signal, pattern: string, match: MatchKind, categoryId: string, id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    rules.push({ id, signal, pattern, match, categoryId, priority: 0, origin: 'builtin', enabled: true });
  };
  for (const c of tree.categories) {
    for (const p of c.crosswalk.cpv) add('itemCode', `cpv:${p}`, 'prefix', c.id, `builtin:cpv:${p}`);
    for (const p of c.crosswalk.unspsc) add('itemCode', `unspsc:${p}`, 'prefix', c.id, `builtin:unspsc:${p}`);
    for (const p of c.crosswalk.accounts) add('account', p, 'prefix', c.id, `builtin:art:${p}`);
    for (const k of c.crosswalk.keywords) add('keyword', k, 'word', c.id, `builtin:kw:${k}`);
  }
  return rules;
}

const FORMAT = 'overblik-rules';

/** A rule set as JSON, to carry from one municipality to the next. */
export function exportRules(rules: readonly Rule[]): string {
  const clean = rules.map((r) => {
    const out: Rule = { id: r.id, signal: r.signal, pattern: r.pattern, match: r.match, categoryId: r.categoryId, priority: r.priority, origin: r.origin, enabled: r.enabled };
    if (r.column !== undefined) out.column = r.column;
    if (r.note !== undefined) out.note = r.note;
    return out;
  });
  return `${JSON.stringify({ format: FORMAT, version: 1, rules: clean }, null, 2)}\n`;
}

export class RuleImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`Regelsættet kan ikke indlæses:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'RuleImportError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(v: Json | undefined, allowed: readonly T[]): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function readRule(raw: Json | undefined, where: string, problems: string[]): Rule | null {
  if (!isObject(raw)) {
    problems.push(`${where}: skal være et objekt`);
    return null;
  }
  const before = problems.length;
  const text = (key: string): string => {
    const v = raw[key];
    if (typeof v !== 'string' || !v.trim()) problems.push(`${where}: "${key}" skal være en tekst`);
    return typeof v === 'string' ? v : '';
  };
  const id = text('id');
  const pattern = text('pattern');
  const categoryId = text('categoryId');
  const { signal, match, origin } = raw;
  if (!oneOf(signal, SIGNALS)) problems.push(`${where}: "signal" skal være en af ${SIGNALS.join(', ')}`);
  if (!oneOf(match, MATCH_KINDS)) problems.push(`${where}: "match" skal være en af ${MATCH_KINDS.join(', ')}`);
  const originOk = origin === undefined || oneOf(origin, ORIGINS);
  if (!originOk) problems.push(`${where}: "origin" skal være en af ${ORIGINS.join(', ')}`);
  const priority = raw.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isFinite(priority)) problems.push(`${where}: "priority" skal være et tal`);
  const enabled = raw.enabled ?? true;
  if (typeof enabled !== 'boolean') problems.push(`${where}: "enabled" skal være true eller false`);
  const column = raw.column;
  if (column !== undefined && column !== null && typeof column !== 'string') problems.push(`${where}: "column" skal være en tekst`);
  const note = raw.note;
  if (problems.length > before || !oneOf(signal, SIGNALS) || !oneOf(match, MATCH_KINDS)) return null;
  const rule: Rule = {
    id, signal, pattern, match, categoryId,
    priority: priority as number,
    origin: oneOf(origin, ORIGINS) ? origin : 'user',
    enabled: enabled as boolean,
  };
  if (typeof column === 'string') rule.column = column;
  if (typeof note === 'string') rule.note = note;
  return rule;
}

/**
 * Reads a rule set written by exportRules (or a bare JSON array of rules). Throws RuleImportError
 * with every problem found, in Danish. With a tree, category ids are checked too.
 */
export function importRules(json: string, tree?: CategoryTree): Rule[] {
  let data: Json;
  try {
    data = JSON.parse(json) as Json;
  } catch (e) {
    throw new RuleImportError([`filen er ikke gyldig JSON (${(e as Error).message})`]);
  }
  let list: Json | undefined = data;
  if (isObject(data)) {
    if (data.format !== undefined && data.format !== FORMAT) throw new RuleImportError([`filen er ikke et Overblik-regelsæt (format "${String(data.format)}")`]);
    list = data.rules;
  }
  if (!Array.isArray(list)) throw new RuleImportError(['filen skal indeholde en liste "rules" med regler']);
  const problems: string[] = [];
  const categories = tree ? new Set(tree.categories.map((c) => c.id)) : undefined;
  const ids = new Set<string>();
  const rules: Rule[] = [];
  list.forEach((raw, i) => {
    const where = `regel ${i + 1}`;
    const rule = readRule(raw, where, problems);
    if (!rule) return;
    if (ids.has(rule.id)) problems.push(`${where}: id "${rule.id}" bruges af to regler`);
    ids.add(rule.id);
    for (const p of ruleProblems(rule, categories)) problems.push(`${where} ("${rule.id}"): ${p}`);
    rules.push(rule);
  });
  if (problems.length) throw new RuleImportError(problems);
  return rules;
}
