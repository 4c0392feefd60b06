import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { coverage } from '../../../src/core/classify/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import {
  acceptSuggestion, acceptSuggestionsAbove, assignGroups, explain, findLines, learnedSuggestions, overrideLine, previewRule,
  previewRules, reviewQueue, supplierProposals, supplierRule, upsertRules,
} from '../../../src/core/review/index.js';
import { list, literal } from '../../../src/core/sql/escape.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { loadUserRules, saveUserRules } from '../../../src/core/workspace/rule-store.js';

const where = filtersWhere(EMPTY_FILTERS);

/** Counted lines with an accepted learned decision, leaving out the given suppliers. */
async function acceptedLearned(db: DbConnector, without: string[]): Promise<number> {
  const [row] = await queryRows(
    db,
    `SELECT count(*) AS n FROM classification c JOIN spend_line l USING (line_id)
      WHERE c.method = 'learned' AND c.accepted AND l.counted AND coalesce(l.supplier_key, '') NOT IN (${list(['', ...without])})`,
  );
  return Number(row?.n);
}

describe('learned suggestions, manual overrides and explanations on Demo Kommune (5,000 lines)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await saveUserRules(db, []);
    await refreshAnalysis(db);
  });
  afterAll(() => db?.close());

  it('accepts one suggestion, then all at or above a threshold, and keeps them through a re-classification', async () => {
    const before = await coverage(db);
    const page = await learnedSuggestions(db, { where, threshold: 0.8, limit: 5 });
    const one = page.rows.find((r) => r.kind === 'line')!;
    expect(await acceptSuggestion(db, one.lineId)).toBe(true);
    expect(await acceptSuggestion(db, one.lineId)).toBe(false);
    const afterOne = await coverage(db);
    expect(afterOne.byMethod.learned?.lines).toBe(1);
    expect(afterOne.coveredSpend).toBeCloseTo(before.coveredSpend + Math.abs(one.amount), 2);
    const above = await learnedSuggestions(db, { where, threshold: 0.8 });
    const accepted = await acceptSuggestionsAbove(db, 0.8, where);
    expect(accepted.lines + accepted.refined).toBe(above.above.lines);
    expect(await acceptSuggestionsAbove(db, 1, where)).toEqual({ lines: 0, refined: 0 });
    const after = await coverage(db);
    expect(after.byMethod.learned?.lines).toBe(1 + accepted.lines);
    expect((await learnedSuggestions(db, { where, threshold: 0.8 })).above.lines).toBe(0);
    // A rule edit re-decides some lines and proposes again; what people accepted stays accepted.
    const [top] = (await reviewQueue(db, { by: 'supplier', where, limit: 1 })).rows;
    // The supplier rule takes that supplier's accepted suggestions; every other accepted suggestion stays.
    const [taken] = await queryRows(
      db,
      `SELECT count(*) AS n FROM classification c JOIN spend_line l USING (line_id)
        WHERE c.method = 'learned' AND c.accepted AND l.counted AND l.supplier_key = ${literal(top!.key)}`,
    );
    await assignGroups(db, 'supplier', [top!.key], top!.suggestion?.categoryId ?? 'consulting.management');
    expect((await coverage(db)).byMethod.learned?.lines).toBe((after.byMethod.learned?.lines ?? 0) - Number(taken?.n));
    // Even a full pass (many rules at once, the model trained anew) keeps them.
    const many = (await reviewQueue(db, { by: 'supplier', where, limit: 6 })).rows.filter((r) => r.key);
    const keep = await acceptedLearned(db, many.map((r) => r.key!));
    const result = await upsertRules(db, many.map((r) => supplierRule(r.key!, r.suggestion?.categoryId ?? 'consulting.management')));
    expect(result.incremental).toBe(false);
    expect(keep).toBeGreaterThan(0);
    expect(await acceptedLearned(db, many.map((r) => r.key!))).toBe(keep);
  });

  it('overrides one line by hand, and explains why', async () => {
    const [line] = await findLines(db, { filter: 'unclassified', limit: 1 });
    const result = await overrideLine(db, line!.lineId, 'office.supplies');
    expect(result.rules.find((r) => r.id === `manual:line:${line!.lineId}`)).toMatchObject({ origin: 'manual', column: 'line_id', match: 'exact' });
    const why = await explain(db, line!.lineId);
    expect(why.decision).toMatchObject({ categoryId: 'office.supplies', method: 'manual', accepted: true });
    expect(why.decidingRule?.ruleId).toBe(`manual:line:${line!.lineId}`);
    // A line classified by a keyword lists every rule that matched; the first one decided.
    const [keyword] = await findLines(db, { search: 'kuglepen', limit: 1 });
    if (keyword) {
      const k = await explain(db, keyword.lineId);
      expect(k.matches[0]?.ruleId).toBe(k.decision?.ruleId);
    }
    // Overriding the same line again replaces the override.
    await overrideLine(db, line!.lineId, 'office.paper');
    expect((await loadUserRules(db)).filter((r) => r.id === `manual:line:${line!.lineId}`)).toHaveLength(1);
    expect((await explain(db, line!.lineId)).decision?.categoryId).toBe('office.paper');
  });

  it('previews several rules together and runs previews and edits one at a time', async () => {
    const rows = (await reviewQueue(db, { by: 'supplier', where, limit: 3 })).rows.filter((r) => r.key);
    const rules = rows.map((r) => supplierRule(r.key!, 'consulting.management'));
    const each = await Promise.all(rules.map((r) => previewRule(db, r)));
    const sum = await previewRules(db, rules);
    expect(sum.lines).toBe(each.reduce((n, c) => n + c.lines, 0));
    expect(sum.fromUnclassified.spend).toBeCloseTo(rows.reduce((n, r) => n + r.spend, 0), 2);
    // Started together: the edit waits for the preview and vice versa (shared temp tables).
    const [preview, edit, later] = await Promise.all([previewRule(db, rules[0]!), upsertRules(db, [rules[0]!]), previewRule(db, rules[0]!)]);
    expect(preview.fromUnclassified.lines).toBe(rows[0]!.lines);
    expect(edit.rules.map((r) => r.id)).toContain(rules[0]!.id);
    expect(later.fromUnclassified.lines).toBe(0);
  });

  it('proposes supplier rules and accepting one covers its open lines', async () => {
    const proposals = await supplierProposals(db);
    expect(proposals.length).toBeGreaterThan(0);
    const p = proposals.find((x) => x.unclassifiedLines > 0) ?? proposals[0]!;
    const before = await coverage(db);
    await upsertRules(db, [p.rule]);
    expect((await coverage(db)).coveredLines).toBeGreaterThanOrEqual(before.coveredLines);
    expect((await supplierProposals(db)).map((x) => x.supplierKey)).not.toContain(p.supplierKey);
  });
});
