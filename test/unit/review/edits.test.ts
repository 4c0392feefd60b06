import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { builtinRules, classifyAll, coverage, RuleImportError, RuleSetError, type Rule } from '../../../src/core/classify/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import {
  assignGroups, deleteRules, exportUserRules, importRuleSet, overrideLine, previewRule, reviewQueue, ruleOverview, setBuiltinRuleEnabled, setRuleEnabled,
  supplierRule, upsertRules,
} from '../../../src/core/review/index.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { loadBuiltinOff, loadUserRules, saveUserRules } from '../../../src/core/workspace/rule-store.js';
import { startOver } from '../../../src/core/workspace/start-over.js';
import { diff, snapshot } from './helpers.js';

const where = filtersWhere(EMPTY_FILTERS);
const TREE = defaultCategoryTree();

/** The same rules classified in one full pass, for comparison with an incremental edit. */
async function fullPass(db: DbConnector): Promise<Map<number, string>> {
  const before = await snapshot(db);
  await classifyAll(db, [...builtinRules(TREE), ...(await loadUserRules(db, TREE))], { tree: TREE, learn: true });
  const full = await snapshot(db);
  // Learned suggestions are proposals from a model trained on different decisions; compare rule decisions.
  const rules = (m: Map<number, string>) => new Map([...m].filter(([, v]) => !v.includes('|learned|')));
  expect(diff(rules(before), rules(full))).toEqual([]);
  return full;
}

describe('bulk assignment and rule edits on Demo Kommune (5,000 lines)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await saveUserRules(db, []);
    await refreshAnalysis(db);
  });
  afterAll(() => db?.close());

  it('assigns the largest unclassified supplier: a saved user rule, re-classified incrementally, coverage rises', async () => {
    const before = await coverage(db);
    const [top] = (await reviewQueue(db, { by: 'supplier', where, limit: 1 })).rows;
    const category = top!.suggestion?.categoryId ?? 'consulting.management';
    const preview = await previewRule(db, supplierRule(top!.key!, category));
    expect(preview.fromUnclassified.spend).toBeCloseTo(top!.spend, 2);
    const result = await assignGroups(db, 'supplier', [top!.key], category);
    expect(result.incremental).toBe(true);
    expect(result.rules).toEqual([supplierRule(top!.key!, category)]);
    expect(await loadUserRules(db, TREE)).toEqual(result.rules);
    const after = await coverage(db);
    expect(after.coveredSpend).toBeCloseTo(before.coveredSpend + top!.spend, 0);
    expect(after.byMethod.user_rule?.spend).toBeCloseTo(preview.spend, 0);
    const next = (await reviewQueue(db, { by: 'supplier', where, limit: 5 })).rows;
    expect(next.map((r) => r.key)).not.toContain(top!.key);
    await fullPass(db);
  });

  it('assigns descriptions exactly or as keywords, quotes included', async () => {
    const rows = (await reviewQueue(db, { by: 'description', where, limit: 10 })).rows.filter((r) => r.key !== null);
    const [a, b] = rows;
    const before = await coverage(db);
    await assignGroups(db, 'description', [a!.key], 'consulting.management');
    await assignGroups(db, 'description', [b!.key], 'social.residential', { match: 'keyword' });
    const after = await coverage(db);
    expect(after.coveredSpend).toBeGreaterThanOrEqual(before.coveredSpend + a!.spend + b!.spend - 0.01);
    const ids = (await loadUserRules(db, TREE)).map((r) => r.id);
    expect(ids).toContain(`user:text:${a!.key}`);
    expect(ids).toContain(`user:kw:${b!.key}`);
    // A description with quotes is data: the rule catches nothing here, and nothing breaks.
    const odd = await assignGroups(db, 'description', [`o'brien "kaffe"; drop table x`], 'food.beverages');
    expect(odd.rules.some((r) => r.pattern === `o'brien "kaffe"; drop table x`)).toBe(true);
    await fullPass(db);
  });

  it('switches a rule off and on, deletes it, and refuses an unusable rule before saving', async () => {
    const [rule] = await loadUserRules(db, TREE);
    const on = await coverage(db);
    await setRuleEnabled(db, rule!.id, false);
    const off = await coverage(db);
    expect(off.coveredSpend).toBeLessThan(on.coveredSpend);
    expect((await loadUserRules(db, TREE)).find((r) => r.id === rule!.id)?.enabled).toBe(false);
    await setRuleEnabled(db, rule!.id, true);
    expect((await coverage(db)).coveredSpend).toBeCloseTo(on.coveredSpend, 2);
    const saved = await loadUserRules(db, TREE);
    const bad: Rule = { ...rule!, id: 'bad', categoryId: 'no.such' };
    await expect(upsertRules(db, [bad])).rejects.toBeInstanceOf(RuleSetError);
    await expect(upsertRules(db, [{ ...rule!, id: 'builtin:kw:toner' }])).rejects.toThrow(/bruges af to regler/);
    expect(await loadUserRules(db, TREE)).toEqual(saved);
    await deleteRules(db, [rule!.id]);
    expect((await loadUserRules(db, TREE)).map((r) => r.id)).not.toContain(rule!.id);
    expect((await coverage(db)).coveredSpend).toBeCloseTo(off.coveredSpend, 2);
    await fullPass(db);
  });

  it('lists the rules with what each decides', async () => {
    const overview = await ruleOverview(db);
    expect(overview.builtin.length).toBe(builtinRules(TREE).length);
    expect(overview.user.map((u) => u.rule)).toEqual(await loadUserRules(db, TREE));
    const cov = await coverage(db);
    const userLines = overview.user.reduce((n, u) => n + u.lines, 0);
    expect(userLines).toBe(cov.byMethod.user_rule?.lines ?? 0);
    expect(overview.builtin.reduce((n, u) => n + u.lines, 0)).toBeGreaterThan(1000);
  });

  it('exports the rule set and imports it again; a bad file gives Danish problems', async () => {
    const json = await exportUserRules(db);
    const rules = await loadUserRules(db, TREE);
    await saveUserRules(db, []);
    const again = await importRuleSet(db, json);
    expect(again.added).toBe(rules.length);
    expect(again.incremental).toBe(rules.length <= 3);
    expect(await loadUserRules(db, TREE)).toEqual(rules);
    const same = await importRuleSet(db, json);
    expect(same.replaced).toBe(rules.length);
    const withBuiltin = JSON.stringify({ rules: [...JSON.parse(json).rules, builtinRules(TREE)[0]] });
    expect((await importRuleSet(db, withBuiltin)).skippedBuiltin).toBe(1);
    await expect(importRuleSet(db, '{"rules": [')).rejects.toBeInstanceOf(RuleImportError);
    await expect(importRuleSet(db, '{"rules": [{"id": "x"}]}')).rejects.toThrow(/Regelsættet kan ikke indlæses/);
    expect(await loadUserRules(db, TREE)).toEqual(rules);
    // Supplier profiles are derived rules of the run, not part of the rule set.
    const [row] = await queryRows(db, `SELECT count(*) AS n FROM rule WHERE origin <> 'profile'`);
    expect(Number(row?.n)).toBe(builtinRules(TREE).length + rules.length);
  });

  it('switches a built-in rule off for this analysis and on again; a full refresh keeps it off', async () => {
    const overview = await ruleOverview(db);
    const busiest = [...overview.builtin].filter((u) => u.rule.signal === 'keyword').sort((a, b) => b.lines - a.lines)[0]!;
    expect(busiest.lines).toBeGreaterThan(0);
    const decidedBy = async (id: string) => Number((await queryRows(db, `SELECT count(*) AS n FROM classification WHERE rule_id = '${id}' OR refine_rule_id = '${id}'`))[0]!.n);
    const caught = await decidedBy(busiest.rule.id);
    expect(caught).toBeGreaterThan(0);
    const off = await setBuiltinRuleEnabled(db, busiest.rule.id, false);
    expect(off.incremental).toBe(true);
    expect(await decidedBy(busiest.rule.id)).toBe(0);
    expect((await ruleOverview(db)).builtin.find((u) => u.rule.id === busiest.rule.id)).toMatchObject({ rule: { enabled: false }, lines: 0 });
    // The incremental result equals a full pass with the rule switched off.
    const incremental = await snapshot(db);
    await refreshAnalysis(db);
    const rules = (m: Map<number, string>) => new Map([...m].filter(([, v]) => !v.includes('|learned|')));
    expect(diff(rules(incremental), rules(await snapshot(db)))).toEqual([]);
    expect(await decidedBy(busiest.rule.id)).toBe(0);
    await setBuiltinRuleEnabled(db, busiest.rule.id, true);
    expect(await decidedBy(busiest.rule.id)).toBe(caught);
    expect(await loadBuiltinOff(db)).toEqual(new Set());
    await expect(setBuiltinRuleEnabled(db, 'builtin:kw:findes-ikke', false)).rejects.toThrow('findes ikke');
  });

  it('starting over drops the manual overrides of single lines and keeps the other rules and switches', async () => {
    const [line] = await queryRows(db, 'SELECT line_id FROM spend_line ORDER BY line_id LIMIT 1');
    await overrideLine(db, Number(line!.line_id), 'consulting.legal');
    const someBuiltin = (await ruleOverview(db)).builtin[0]!.rule.id;
    await setBuiltinRuleEnabled(db, someBuiltin, false);
    const before = await loadUserRules(db, TREE);
    expect(before.some((r) => r.id === `manual:line:${String(line!.line_id)}`)).toBe(true);
    expect(await startOver(db)).toEqual({ lineRulesDropped: 1 });
    const after = await loadUserRules(db, TREE);
    expect(after).toEqual(before.filter((r) => !r.id.startsWith('manual:line:')));
    expect(after.length).toBeGreaterThan(0);
    expect(await loadBuiltinOff(db)).toEqual(new Set([someBuiltin]));
  });
});
