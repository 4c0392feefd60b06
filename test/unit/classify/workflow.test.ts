import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { coverage } from '../../../src/core/classify/coverage.js';
import { classifyAll, reclassifyForRule } from '../../../src/core/classify/engine.js';
import { explainLine, ruleCatch } from '../../../src/core/classify/explain.js';
import { acceptLearned } from '../../../src/core/classify/learned-predict.js';
import { RuleSetError } from '../../../src/core/classify/rule-table.js';
import { builtinRules, exportRules, importRules, RuleImportError, type Rule } from '../../../src/core/classify/rules.js';
import { proposeSupplierRules } from '../../../src/core/classify/suppliers.js';
import { ensureSupplierTables } from '../../../src/core/suppliers/tables.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { decisions, loadLines, rule, type TestLine } from './helpers.js';

const TREE = defaultCategoryTree();
const BUILTIN = builtinRules(TREE);

describe('rule sets as JSON', () => {
  const user: Rule[] = [
    rule('u1', { signal: 'column', column: 'unit', match: 'contains', pattern: 'skole', categoryId: 'learning.materials', note: 'skoler' }),
    rule('u2', { signal: 'supplier', pattern: 'cvr:12345678', categoryId: 'office.supplies', enabled: false, priority: 5 }),
  ];

  it('round-trips', () => {
    expect(importRules(exportRules(user), TREE)).toEqual(user);
    expect(importRules(exportRules(BUILTIN), TREE)).toEqual(BUILTIN);
  });

  it('rejects bad JSON and bad rules with Danish messages', () => {
    expect(() => importRules('{"rules": [', TREE)).toThrow(/ikke gyldig JSON/);
    expect(() => importRules('{"format": "other", "rules": []}')).toThrow(/ikke et Overblik-regelsæt/);
    expect(() => importRules('[1]')).toThrow(/regel 1: skal være et objekt/);
    const bad = JSON.stringify({ rules: [
      { id: 'a', signal: 'smell', pattern: 'x', match: 'word', categoryId: 'office.supplies' },
      { id: 'b', signal: 'keyword', pattern: 'x', match: 'word', categoryId: 'no.such' },
      { id: 'b', signal: 'account', pattern: 'to', match: 'prefix', categoryId: 'office.supplies' },
      { id: 'c', signal: 'column', pattern: 'x', match: 'exact', categoryId: 'office.supplies' },
    ] });
    try {
      importRules(bad, TREE);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleImportError);
      const problems = (e as RuleImportError).problems.join('\n');
      expect(problems).toMatch(/regel 1: "signal" skal være en af/);
      expect(problems).toMatch(/kategorien "no.such" findes ikke/);
      expect(problems).toMatch(/id "b" bruges af to regler/);
      expect(problems).toMatch(/arten skal skrives som "5" eller "2.2"/);
      expect(problems).toMatch(/kolonnen skal være et kolonnenavn/);
    }
  });

  it('refuses an unusable rule set before touching the database', async () => {
    await expect(classifyAll({} as DbConnector, [rule('x', { signal: 'keyword', pattern: 'x', categoryId: 'nope' })])).rejects.toBeInstanceOf(RuleSetError);
  });
});

/** A small municipality: suppliers with keyword-classified lines and lines no rule catches. */
function workflowLines(): TestLine[] {
  const lines: TestLine[] = [];
  let id = 1;
  for (let i = 0; i < 12; i++) lines.push({ id: id++, description: `Kuglepenne blå ${i}`, supplier_key: 'cvr:1', supplier_name: 'Kontorhuset A/S', unit: 'Rådhuset', amount: 100 + i });
  for (let i = 0; i < 4; i++) lines.push({ id: id++, description: `Varenr ${9000 + i}`, supplier_key: 'cvr:1', supplier_name: 'Kontorhuset A/S', unit: 'Rådhuset', amount: 50 });
  for (let i = 0; i < 10; i++) lines.push({ id: id++, description: `Diesel ${i} l`, supplier_key: 'cvr:2', supplier_name: 'Tankstation Nord', account: '2.3', amount: 300 });
  for (let i = 0; i < 3; i++) lines.push({ id: id++, description: null, supplier_key: 'cvr:2', supplier_name: 'Tankstation Nord', amount: 200 });
  for (let i = 0; i < 6; i++) lines.push({ id: id++, description: `Løn ${i}`, account: '1.0', amount: -1000 });
  lines.push({ id: id++, description: 'Ukendt ting', supplier_key: 'cvr:3', amount: 10 });
  // An item code decides food (segment 50); the word "kaffe" picks beverages under it.
  for (let i = 0; i < 4; i++) lines.push({ id: id++, description: `Kaffe ${i} kg`, item_code: '50121500', item_scheme: 'UNSPSC', amount: 80 });
  return lines;
}

describe('classification workflow', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadLines(db, workflowLines());
  });
  afterAll(() => db?.close());

  const user: Rule[] = [
    rule('ukendt', { signal: 'keyword', pattern: 'ukendt', categoryId: 'office.supplies' }),
    rule('varenr', { signal: 'column', column: 'description', match: 'prefix', pattern: 'varenr 900', categoryId: 'office.paper' }),
  ];

  it('re-classifies incrementally with the same result as a full run', async () => {
    const changes: { rules: Rule[]; changed: Rule }[] = [];
    const base = [...BUILTIN, ...user];
    const add = rule('tank', { signal: 'supplier', pattern: 'cvr:2', categoryId: 'transport.repair', priority: 1 });
    changes.push({ rules: [...base, add], changed: add });
    const edited = { ...user[1]!, categoryId: 'office.print', pattern: 'varenr' };
    changes.push({ rules: [...BUILTIN, user[0]!, edited], changed: edited });
    const disabled = { ...BUILTIN.find((r) => r.id === 'builtin:kw:kuglepen')!, enabled: false };
    changes.push({ rules: base.map((r) => (r.id === disabled.id ? disabled : r)), changed: disabled });
    changes.push({ rules: base.filter((r) => r.id !== 'ukendt'), changed: user[0]! });
    const coffee = { ...BUILTIN.find((r) => r.id === 'builtin:kw:kaffe')!, enabled: false };
    changes.push({ rules: base.map((r) => (r.id === coffee.id ? coffee : r)), changed: coffee });
    for (const { rules, changed } of changes) {
      await classifyAll(db, base, { learn: false });
      const stats = await reclassifyForRule(db, rules, changed, { learn: false });
      expect(stats.full, changed.id).toBeUndefined();
      const incremental = await decisions(db);
      await classifyAll(db, rules, { learn: false });
      expect(incremental, `after changing ${changed.id}`).toEqual(await decisions(db));
    }
    // A manual override (an exact rule on line_id) is incremental too, once the field is in use.
    const manual = (line: number): Rule => rule(`manual:${line}`, { signal: 'column', column: 'line_id', match: 'exact', pattern: String(line), categoryId: 'office.paper', origin: 'manual' });
    await classifyAll(db, [...base, manual(2)], { learn: false });
    const override = await reclassifyForRule(db, [...base, manual(2), manual(20)], manual(20), { learn: false });
    expect(override.full).toBeUndefined();
    expect(override.lines).toBe(1);
    const overridden = await decisions(db);
    expect(overridden.get(20)).toMatchObject({ category: 'office.paper', method: 'manual' });
    await classifyAll(db, [...base, manual(2), manual(20)], { learn: false });
    expect(overridden).toEqual(await decisions(db));
    await classifyAll(db, base, { learn: false });
    expect((await decisions(db)).get(37)).toMatchObject({ category: 'food.beverages', method: 'item_code', refine: 'builtin:kw:kaffe' });
    // A rule on a column the last run did not read falls back to a full run.
    const konto = rule('konto', { signal: 'column', column: 'account_no', match: 'prefix', pattern: '03', categoryId: 'office.paper' });
    expect((await reclassifyForRule(db, [...base, konto], konto, { learn: false })).full).toBe(true);
  });

  it('previews what a rule catches and what it takes from other rules', async () => {
    await classifyAll(db, [...BUILTIN, ...user], { learn: false });
    const c = await ruleCatch(db, rule('probe', { signal: 'supplier', pattern: 'cvr:1', categoryId: 'office.paper' }));
    expect(c.lines).toBe(16);
    // A user rule outranks keywords, and ties with the user rule "varenr" (same tier) go to the older rule.
    expect(c.wins.lines).toBe(12);
    expect(c.takenFrom).toEqual([{ ruleId: 'builtin:kw:kuglepen', categoryId: 'office.supplies', method: 'keyword', lines: 12, spend: expect.closeTo(1266, 2) }]);
    expect(c.fromUnclassified.lines).toBe(0);
    expect(c.sample.length).toBe(16);
    // Nothing was written: the preview leaves the classification alone.
    expect((await decisions(db)).get(1)?.rule).toBe('builtin:kw:kuglepen');
  });

  // Supplier profiles are switched off here: they would decide the lines these tests give the model and the proposals.
  it('proposes learned categories, accepts them above a threshold, and reports coverage', async () => {
    await classifyAll(db, BUILTIN, { learn: true, profiles: false });
    const rows = await queryRows(db, `SELECT line_id, category_id, confidence, accepted FROM classification WHERE method = 'learned' ORDER BY line_id`);
    const byLine = new Map(rows.map((r) => [Number(r.line_id), r]));
    // The supplier's other lines teach the model: "Varenr ..." from the office supplier → office supplies.
    expect(byLine.get(13)).toMatchObject({ category_id: 'office.supplies', accepted: false });
    expect(Number(byLine.get(13)?.confidence)).toBeGreaterThan(0.8);
    expect(byLine.get(27)).toMatchObject({ category_id: 'transport.fuel' });
    const before = await coverage(db);
    expect(before.byMethod.none?.lines).toBe(rows.length);
    const [refine] = await queryRows(db, `SELECT count(*) AS n FROM classification WHERE suggested_category_id IS NOT NULL`);
    expect(before.suggestions.lines).toBe(rows.length + Number(refine?.n));
    expect(await acceptLearned(db, 1)).toEqual({ lines: 0, refined: 0 });
    const accepted = await acceptLearned(db, 0.8);
    expect(accepted.lines).toBeGreaterThanOrEqual(4);
    const after = await coverage(db);
    expect(after.byMethod.learned?.lines).toBe(accepted.lines);
    expect(after.coveredLines).toBe(before.coveredLines + accepted.lines);
    const lines = workflowLines();
    const spend = lines.reduce((n, l) => n + Math.abs(l.amount ?? 0), 0);
    expect(after.lines).toBe(lines.length);
    expect(after.spend).toBeCloseTo(spend, 2);
    expect(after.byMethod.keyword?.lines).toBe(22);
    expect(after.byMethod.account?.lines).toBe(6);
    expect(after.coveredSpendShare).toBeCloseTo(after.coveredSpend / spend, 10);
    // Accepted proposals are decisions: a full run keeps them, a rule that now catches the line wins.
    const acceptedBefore = await queryRows(db, `SELECT line_id, category_id FROM classification WHERE method = 'learned' AND accepted ORDER BY line_id`);
    await classifyAll(db, BUILTIN, { profiles: false });
    expect(await queryRows(db, `SELECT line_id, category_id FROM classification WHERE method = 'learned' AND accepted ORDER BY line_id`)).toEqual(acceptedBefore);
    const varenr = rule('varenr', { signal: 'column', column: 'description', match: 'prefix', pattern: 'varenr', categoryId: 'office.print' });
    await reclassifyForRule(db, [...BUILTIN, varenr], varenr, { profiles: false });
    expect((await decisions(db)).get(13)).toMatchObject({ category: 'office.print', method: 'user_rule' });
    expect((await coverage(db)).byMethod.learned?.lines).toBe(accepted.lines - 4);
  });


  it('keeps only the state a later run reads: no scratch table is left in memory or for the workspace file', async () => {
    const engineTables = async () =>
      (await queryRows(db, `SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, 'cls_') ORDER BY 1`)).map((r) => String(r.table_name));
    // The lines' hashes and dictionary, the full run's word tables, the categories and the learned model.
    const state = [
      'cls_category', 'cls_dict', 'cls_dict_meta', 'cls_form', 'cls_line', 'cls_line_meta',
      'cls_nb_au', 'cls_nb_class', 'cls_nb_dwf', 'cls_nb_fc', 'cls_nb_sup', 'cls_nb_vocab', 'cls_tok', 'cls_vt',
    ];
    await classifyAll(db, [...BUILTIN, ...user]);
    expect(await engineTables()).toEqual(state);
    // A rule edit that re-decides lines, moves profiles and proposes categories leaves the same.
    const off = { ...user[0]!, enabled: false };
    const edited = [...BUILTIN, off, user[1]!];
    const stats = await reclassifyForRule(db, edited, off);
    expect(stats.full).toBeUndefined();
    expect(stats.lines).toBeGreaterThan(0);
    expect(stats.suggested).toBeGreaterThan(0);
    expect(await engineTables()).toEqual(state);
    // …and the next edit, on that state alone, still decides as a full run does (the rules' decisions:
    // an incremental run proposes with the last full run's model, a full run retrains it).
    const kaffe = { ...BUILTIN.find((r) => r.id === 'builtin:kw:kaffe')!, enabled: false };
    const next = edited.map((r) => (r.id === kaffe.id ? kaffe : r));
    expect((await reclassifyForRule(db, next, kaffe)).full).toBeUndefined();
    const byRules = async () => [...(await decisions(db))].filter(([, d]) => d.method !== 'learned');
    const incremental = await byRules();
    expect(incremental.length).toBeGreaterThan(20);
    await classifyAll(db, next);
    expect(incremental).toEqual(await byRules());
  });
  it('lends a supplier\u2019s clear category to its undecided lines (supplier profile), explained, and kept up to date by rule edits', async () => {
    await loadLines(db, workflowLines());
    await classifyAll(db, BUILTIN, { learn: false });
    const d = await decisions(db);
    // Kontorhuset's twelve pen lines are keyword decisions in office supplies: its four "Varenr" lines follow.
    for (const id of [13, 14, 15, 16]) expect(d.get(id)).toMatchObject({ category: 'office.supplies', method: 'supplier_profile', rule: 'profile:cvr:1' });
    // Tankstation's lines without text follow its diesel lines.
    for (const id of [27, 28, 29]) expect(d.get(id)).toMatchObject({ category: 'transport.fuel', method: 'supplier_profile' });
    // A supplier with one line has no profile.
    expect(d.get(36)).toBeUndefined();
    const why = await explainLine(db, 13);
    expect(why.decidingRule).toMatchObject({ ruleId: 'profile:cvr:1', method: 'supplier_profile', origin: 'profile' });
    const [note] = await queryRows(db, `SELECT note FROM rule WHERE rule_id = 'profile:cvr:1'`);
    expect(String(note?.note)).toBe('Leverandøren sælger mest i denne kategori (100 % af 12 afgjorte linjer)');
    // A user rule moves the pens to paper: the profile follows, incrementally as in a full run.
    const pens = rule('pens', { signal: 'keyword', pattern: 'kuglepenne', categoryId: 'office.paper', origin: 'user' });
    const stats = await reclassifyForRule(db, [...BUILTIN, pens], pens, { learn: false });
    expect(stats.full).toBeUndefined();
    const incremental = await decisions(db);
    expect(incremental.get(13)).toMatchObject({ category: 'office.paper', method: 'supplier_profile' });
    await classifyAll(db, [...BUILTIN, pens], { learn: false });
    expect(await decisions(db)).toEqual(incremental);
  });

  it('keeps an accepted level-2 choice under its rule\u2019s level 1 when a rule edit re-decides the line, incremental as a full run', async () => {
    // "Konsulenttimer" is a built-in keyword for the main category consulting.
    const advice = (id: number): TestLine => ({ id, description: `Konsulenttimer uge ${id}`, supplier_key: 'cvr:51', supplier_name: 'Rådgiverne', amount: 1000 });
    await loadLines(db, [...workflowLines(), ...[101, 102, 103].map(advice)]);
    await classifyAll(db, BUILTIN, { learn: false, profiles: false });
    // A line a built-in rule put in a main category, and a person's accepted choice of a subcategory.
    const [row] = await queryRows(
      db,
      `SELECT c.line_id, c.category_id, c.rule_id, (SELECT min(category_id) FROM cls_category WHERE parent_id = c.category_id) AS child
         FROM classification c JOIN cls_category k USING (category_id)
        WHERE k.level = 1 AND c.method <> 'learned' AND c.rule_id LIKE 'builtin:%' ORDER BY c.line_id LIMIT 1`,
    );
    expect(row?.child).toBeTruthy();
    const line = Number(row!.line_id);
    await db.exec(`UPDATE classification SET category_id = '${String(row!.child)}', refine_rule_id = 'learned', confidence = 0.9, accepted = TRUE WHERE line_id = ${line}`);
    // The rule is edited (a higher priority): its lines are decided again, and the choice comes back.
    const edited: Rule = { ...BUILTIN.find((r) => r.id === row!.rule_id)!, priority: 7 };
    const rules = BUILTIN.map((r) => (r.id === edited.id ? edited : r));
    const stats = await reclassifyForRule(db, rules, edited, { learn: false, profiles: false });
    expect(stats.full).toBeUndefined();
    const incremental = await decisions(db);
    expect(incremental.get(line)).toEqual({ category: String(row!.child), rule: String(row!.rule_id), method: expect.any(String), refine: 'learned' });
    await classifyAll(db, rules, { learn: false, profiles: false });
    expect(await decisions(db)).toEqual(incremental);
  });

  it('keeps a merged supplier\u2019s profile on every spelling when a rule edit touches one of them, incremental as a full run', async () => {
    // Kontorhuset under its CVR (pen lines) and under its name (lines without a keyword), merged.
    const byCvr = (id: number): TestLine => ({ id, description: 'Kuglepenne sort', supplier_key: 'cvr:41', supplier_name: 'Kontorhuset', amount: 200 + id });
    const byName = (id: number): TestLine => ({ id, description: `Ordre ${id}`, supplier_key: 'name:kontorhuset', supplier_name: 'Kontorhuset A/S', amount: 90 });
    const other = (id: number): TestLine => ({ id, description: 'Diesel', supplier_key: 'cvr:42', supplier_name: 'Tankstation', amount: 500 });
    await loadLines(db, [...[1, 2, 3, 4, 5].map(byCvr), ...[6, 7].map(byName), ...[8, 9, 10].map(other)]);
    await ensureSupplierTables(db);
    await db.exec(`INSERT INTO supplier_merge_map VALUES ('name:kontorhuset', 'cvr:41')`);
    await classifyAll(db, BUILTIN, { learn: false });
    const before = await decisions(db);
    // The name spelling has no decided line of its own: it follows the merged supplier's pens.
    for (const id of [6, 7]) expect(before.get(id)).toMatchObject({ category: 'office.supplies', method: 'supplier_profile', rule: 'profile:name:kontorhuset' });
    // A rule on the pens moves them to paper: both spellings' profiles follow; the other supplier is untouched.
    const pens = rule('pens', { signal: 'keyword', pattern: 'kuglepenne', categoryId: 'office.paper', origin: 'user' });
    expect((await reclassifyForRule(db, [...BUILTIN, pens], pens, { learn: false })).full).toBeUndefined();
    const incremental = await decisions(db);
    for (const id of [6, 7]) expect(incremental.get(id)).toMatchObject({ category: 'office.paper', method: 'supplier_profile', rule: 'profile:name:kontorhuset' });
    expect(incremental.get(8)).toEqual(before.get(8));
    const profilesAfterEdit = await queryRows(db, `SELECT rule_id, category_id, note FROM rule WHERE origin = 'profile' ORDER BY rule_id`);
    await classifyAll(db, [...BUILTIN, pens], { learn: false });
    expect(await decisions(db)).toEqual(incremental);
    expect(await queryRows(db, `SELECT rule_id, category_id, note FROM rule WHERE origin = 'profile' ORDER BY rule_id`)).toEqual(profilesAfterEdit);
  });

  it('lets a supplier\u2019s profile overrule a keyword that points outside what the supplier sells, explained, incremental as a full run', async () => {
    // A home-care provider: nine lines of home care, two of "Rengøringshjælp" (the keyword says cleaning).
    const care = (id: number, description: string, amount = 1000): TestLine => ({ id, description, supplier_key: 'cvr:7', supplier_name: 'Omsorgshuset', amount });
    // An office supplier that also sells furniture under three different words: a real second line of business.
    const office = (id: number, description: string): TestLine => ({ id, description, supplier_key: 'cvr:8', supplier_name: 'Kontorland', amount: 500 });
    const lines = [
      ...[1, 2, 3, 4, 5].map((id) => care(id, 'Praktisk hjælp i hjemmet')),
      ...[6, 7, 8, 9].map((id) => care(id, 'Frit valg leverandør hjemmepleje')),
      care(10, 'Rengøringshjælp 03.2025', 400), care(11, 'Rengøringshjælp 04.2025', 400),
      ...[21, 22, 23, 24, 25, 26, 27, 28].map((id) => office(id, 'Kuglepenne blå')),
      office(29, 'Kontorstol'), office(30, 'Skrivebord hæve-sænke'), office(31, 'Reol'),
    ];
    await loadLines(db, lines);
    await classifyAll(db, BUILTIN, { learn: false });
    const d = await decisions(db);
    for (const id of [1, 6]) expect(d.get(id)).toMatchObject({ category: 'social.homecare', method: 'keyword' });
    for (const id of [10, 11]) expect(d.get(id)).toMatchObject({ category: 'social.homecare', method: 'supplier_profile', rule: 'profile:cvr:7' });
    // Three furniture words from the office supplier stay furniture.
    for (const id of [29, 30]) expect(d.get(id)).toMatchObject({ category: 'equipment.furniture', method: 'keyword' });
    const why = await explainLine(db, 10);
    expect(why.decision).toMatchObject({ method: 'supplier_profile', overruledRuleId: 'builtin:kw:rengøring' });
    expect(why.matches.map((m) => m.ruleId)).toContain('builtin:kw:rengøring');
    // The profile is made from the supplier's other lines only (the overruled ones do not dilute it).
    const [note] = await queryRows(db, `SELECT note FROM rule WHERE rule_id = 'profile:cvr:7'`);
    expect(String(note?.note)).toContain('100 % af 9 afgjorte linjer');
    // A person's rule outranks the profile; editing the keyword re-decides the overruled lines; incremental = full.
    const clean = rule('clean', { signal: 'keyword', pattern: 'rengøringshjælp', categoryId: 'facility.cleaning', origin: 'user' });
    expect((await reclassifyForRule(db, [...BUILTIN, clean], clean, { learn: false })).full).toBeUndefined();
    const withRule = await decisions(db);
    expect(withRule.get(10)).toMatchObject({ category: 'facility.cleaning', method: 'user_rule' });
    await classifyAll(db, [...BUILTIN, clean], { learn: false });
    expect(await decisions(db)).toEqual(withRule);
    const edited: Rule = { ...BUILTIN.find((r) => r.id === 'builtin:kw:rengøring')!, categoryId: 'facility.service' };
    const edit = BUILTIN.map((r) => (r.id === edited.id ? edited : r));
    await classifyAll(db, BUILTIN, { learn: false });
    expect((await reclassifyForRule(db, edit, edited, { learn: false })).full).toBeUndefined();
    const afterEdit = await decisions(db);
    expect(afterEdit.get(10)).toMatchObject({ category: 'social.homecare', method: 'supplier_profile' });
    await classifyAll(db, edit, { learn: false });
    expect(await decisions(db)).toEqual(afterEdit);
  });

  it('lends no profile from a sliver of a supplier\u2019s lines, and accepts no learned proposal unattended when rules decided too little', async () => {
    // A placeholder "supplier" with 40 lines, 3 of them decided by a keyword (7.5 % < PROFILE_MIN_DECIDED_SHARE).
    const lines: TestLine[] = [
      ...[1, 2, 3].map((id) => ({ id, description: 'Kuglepenne blå', supplier_key: 'name:redacted', supplier_name: 'REDACTED PERSONAL DATA' })),
      ...Array.from({ length: 37 }, (_, i) => ({ id: 10 + i, description: `Other agencies ${i}`, supplier_key: 'name:redacted', supplier_name: 'REDACTED PERSONAL DATA' })),
    ];
    await loadLines(db, lines);
    const stats = await classifyAll(db, BUILTIN, { acceptLearned: 0.5 });
    const d = await decisions(db);
    expect(d.get(1)).toMatchObject({ category: 'office.supplies', method: 'keyword' });
    expect(d.get(10)?.method).not.toBe('supplier_profile');
    // Rules decided 3 of 40 lines (< MIN_RULE_SHARE_TO_ACCEPT): the model's proposals stay proposals.
    expect(stats.acceptanceSkipped).toBeCloseTo(3 / 40, 6);
    expect(stats.accepted).toBe(0);
    const [open] = await queryRows(db, `SELECT count(*) AS n FROM classification WHERE method = 'learned' AND accepted`);
    expect(Number(open?.n)).toBe(0);
    // With most lines decided, unattended acceptance runs.
    await loadLines(db, workflowLines());
    expect((await classifyAll(db, BUILTIN, { acceptLearned: 0.5, profiles: false })).acceptanceSkipped).toBeUndefined();
  });

  it('proposes supplier rules for suppliers dominated by one category', async () => {
    await loadLines(db, workflowLines());
    await classifyAll(db, BUILTIN, { learn: false, profiles: false });
    const proposals = await proposeSupplierRules(db, { minShare: 0.8, minLines: 5 });
    expect(proposals.map((p) => [p.supplierKey, p.categoryId, p.unclassifiedLines])).toEqual([
      ['cvr:2', 'transport.fuel', 3],
      ['cvr:1', 'office.supplies', 4],
    ]);
    expect(proposals[1]?.share).toBe(1);
    expect(proposals[1]?.rule).toMatchObject({ signal: 'supplier', pattern: 'cvr:1', match: 'exact', origin: 'learned' });
    expect(await proposeSupplierRules(db, { minLines: 11 })).toHaveLength(1);
    // Accepting the proposals covers the suppliers' other lines through the supplier tier.
    await classifyAll(db, [...BUILTIN, ...proposals.map((p) => p.rule)], { learn: false });
    const d = await decisions(db);
    expect(d.get(13)).toMatchObject({ category: 'office.supplies', method: 'supplier' });
    expect(await proposeSupplierRules(db)).toEqual([]);
  });
});
