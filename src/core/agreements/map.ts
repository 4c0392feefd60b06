import { compileRules, writeRules } from '../classify/rule-table.js';
import { ensureClassifySchema } from '../classify/schema.js';
import { classifyTexts, type TextHit } from '../classify/text-classify.js';
import { loadBuiltinRules, loadUserRules } from '../workspace/rule-store.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { untilWritten } from '../db/write-count.js';
import { literal } from '../sql/escape.js';
import { classifiedLinesSql } from '../analysis/fragmentation/classified.js';
import { categoryForCpv, categoryForUnspsc, normaliseCategoryText, type Category, type CategoryTree } from '../taxonomy/category-tree.js';
import { matchCategoryText, TEXT_MATCH_CONFIDENCE, type TextMatch } from './category-text.js';
import { AGREEMENT_SUPPLIERS_SQL, agreementKeySql, ensureAgreementTables } from './schema.js';
import { spellingSql } from '../suppliers/spelling.js';

/**
 * Maps every agreement of the register to the tree's categories, in this order (the first source
 * that says something decides; DESIGN.md, data model):
 *   1. a category column, matched to the tree's ids, names and synonyms (category-text.ts); a
 *      level-1 match is narrowed by the agreement's name, else by its suppliers' spend;
 *   2. a CPV or UNSPSC code column, through the tree's crosswalk;
 *   3. the agreement's name, classified like a line's text by the description rules (user rules
 *      and built-in keywords), part by part ("Kontorartikler og papir" → two categories);
 *   4. the contracted suppliers' classified spend: the category holding most of it, when clear.
 * The result is written to `agreement_category` (replacing the previous automatic mapping); a
 * person's choice in `agreement_category_manual` is left alone and wins where present.
 */

export type MappingMethod = 'category_id' | 'category_name' | 'category_synonym' | 'category_part' | 'code' | 'name' | 'supplier_spend' | 'manual';

export interface MappedCategory {
  categoryId: string;
  method: MappingMethod;
  confidence: number;
  /** What matched: the column text, the code, the keyword of the rule, or the supplier's share. */
  basis: string;
}

/** A supplier's spend lends its category to an agreement only when this share of it is in one category. */
export const SUPPLIER_SHARE_MIN = 0.6;

interface AgreementInput {
  key: string;
  name: string | null;
  texts: string[];
  codes: string[];
}

interface SpendRow {
  categoryId: string;
  spend: number;
}

/**
 * "Kontorartikler og papir" → the whole name and its parts. A part that ends in a hyphen is the
 * first half of a shared compound ("Rengørings- og hygiejneartikler" = rengøringsartikler and
 * hygiejneartikler) and says nothing alone ("rengørings" would read as cleaning services), so it is left out.
 */
export function nameParts(name: string): string[] {
  const parts = name
    .split(/\s+(?:og|samt|and|&|\+)\s+|[,;/]|\s+[–-]\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2 && !p.endsWith('-'));
  return [...new Set([name.trim(), ...parts])];
}

const COLUMN_METHOD: Record<TextMatch['how'], MappingMethod> = { id: 'category_id', name: 'category_name', synonym: 'category_synonym', part: 'category_part' };

/** The categories the name's parts name (a part's own category beats the whole name's). */
function fromName(name: string | null, hits: Map<string, TextHit>): MappedCategory[] {
  if (!name) return [];
  const parts = nameParts(name);
  const byPart = parts.slice(1).map((p) => hits.get(p)).filter((h): h is TextHit => !!h);
  const chosen = byPart.length ? byPart : [hits.get(parts[0]!)].filter((h): h is TextHit => !!h);
  const out = new Map<string, MappedCategory>();
  for (const h of chosen) {
    if (!out.has(h.categoryId)) out.set(h.categoryId, { categoryId: h.categoryId, method: 'name', confidence: h.origin === 'builtin' ? 0.8 : 0.9, basis: h.pattern });
  }
  return [...out.values()];
}

/**
 * Within a level-1 category the name said ("Vikarydelser – social- og sundhedsområdet" → temporary
 * staff), the one child whose own name shares a word with the agreement's name ("sundhed" in
 * "Vikarer inden for sundhed og pleje"). Words of five letters or more, compared from the start.
 */
function childByNameWords(parent: Category, tree: CategoryTree, name: string | null): MappedCategory[] {
  if (!name) return [];
  const words = (text: string) => normaliseCategoryText(text).split(' ').filter((w) => w.length >= 5);
  const own = words(name);
  const hits = tree.categories
    .filter((c) => c.parent === parent.id)
    .map((c) => ({ c, word: words(`${c.name.da} ${c.name.en}`).find((w) => own.some((o) => o.startsWith(w) || w.startsWith(o))) }))
    .filter((h) => h.word && !words(`${parent.name.da} ${parent.name.en}`).includes(h.word));
  return hits.length === 1 ? [{ categoryId: hits[0]!.c.id, method: 'name', confidence: 0.75, basis: hits[0]!.word! }] : [];
}

/** The supplier's clear category among `candidates` (all when undefined), or nothing. */
function fromSupplierSpend(spend: SpendRow[], candidates?: (id: string) => boolean): MappedCategory[] {
  const rows = candidates ? spend.filter((s) => candidates(s.categoryId)) : spend;
  const total = rows.reduce((s, r) => s + r.spend, 0);
  const top = [...rows].sort((a, b) => b.spend - a.spend)[0];
  if (!top || total <= 0) return [];
  const share = top.spend / total;
  if (share < SUPPLIER_SHARE_MIN) return [];
  return [{ categoryId: top.categoryId, method: 'supplier_spend', confidence: Math.round(share * 90) / 100, basis: share.toFixed(3) }];
}

/** Decides one agreement's categories from its inputs (pure; see the module comment). */
export function decideAgreement(
  tree: CategoryTree,
  a: AgreementInput,
  nameHits: Map<string, TextHit>,
  spend: SpendRow[],
): MappedCategory[] {
  const byId = new Map(tree.categories.map((c) => [c.id, c]));
  const under = (parent: Category) => (id: string) => byId.get(id)?.parent === parent.id;
  const named = fromName(a.name, nameHits);
  const column = a.texts.flatMap((t) => matchCategoryText(tree, t).map((m) => ({ m, t })));
  if (column.length) {
    const out = new Map<string, MappedCategory>();
    for (const { m, t } of column) {
      const c = byId.get(m.categoryId)!;
      const direct: MappedCategory = { categoryId: c.id, method: COLUMN_METHOD[m.how], confidence: TEXT_MATCH_CONFIDENCE[m.how], basis: t };
      if (c.level === 2 && m.how !== 'part') {
        out.set(c.id, direct);
        continue;
      }
      // A level-1 category ("Kost", "Ejendomme") or a word that is only part of a name ("Park og
      // vej") is an area, not what is bought: the name's categories within it decide; else what
      // the name says elsewhere (a crafts agreement kept by the property area); else the part's own
      // category, or the suppliers' spend within the area; else the area itself, unsure.
      const area = c.level === 1 ? c : byId.get(c.parent ?? '')!;
      const narrowed = named.filter((n) => under(area)(n.categoryId));
      const elsewhere = named.filter((n) => byId.get(n.categoryId)?.level === 2);
      const picked = narrowed.length ? narrowed : elsewhere.length ? elsewhere : c.level === 2 ? [direct] : fromSupplierSpend(spend, under(c));
      if (picked.length) for (const p of picked) out.set(p.categoryId, p);
      else out.set(c.id, { ...direct, confidence: Math.round(direct.confidence * 60) / 100 });
    }
    return [...out.values()];
  }
  const coded = new Map<string, MappedCategory>();
  for (const code of a.codes) {
    const [scheme, digits] = code.split(':');
    const id = digits ? (scheme === 'unspsc' ? categoryForUnspsc(tree, digits) : categoryForCpv(tree, digits)) : null;
    if (id && !coded.has(id)) coded.set(id, { categoryId: id, method: 'code', confidence: 0.9, basis: code });
  }
  if (coded.size) return [...coded.values()];
  if (named.length) {
    // A name that only says the level 1 ("Vikarer") is narrowed by its other words, else by the suppliers' spend.
    return named.flatMap((n) => {
      const c = byId.get(n.categoryId);
      if (c?.level !== 1) return [n];
      const byWords = childByNameWords(c, tree, a.name);
      const picked = byWords.length ? byWords : fromSupplierSpend(spend, under(c));
      return picked.length ? picked : [n];
    });
  }
  return fromSupplierSpend(spend);
}

/** A sibling category joins an agreement from this share of its suppliers' spend within the level 1. */
export const SIBLING_SHARE_MIN = 0.25;

/**
 * An agreement named for one category often covers its neighbour too ("Fødevarer" from a wholesaler
 * who also delivers the coffee; "Kontorartikler og papir"). A level-2 sibling of a category the
 * agreement names joins it when the agreement's suppliers buy a clear share of their spend within
 * that level 1 there, and none of them holds another agreement that names it.
 */
export function extendBySiblings(
  tree: CategoryTree,
  mapped: Map<string, MappedCategory[]>,
  spend: Map<string, SpendRow[]>,
  suppliers: Map<string, string[]>,
): void {
  const byId = new Map(tree.categories.map((c) => [c.id, c]));
  const named = (m: MappedCategory) => m.method !== 'supplier_spend' && m.method !== 'manual';
  const coveredBy = new Map<string, Set<string>>();
  for (const [key, list] of mapped) {
    for (const s of suppliers.get(key) ?? []) {
      const set = coveredBy.get(s) ?? new Set<string>();
      for (const m of list.filter(named)) set.add(m.categoryId);
      coveredBy.set(s, set);
    }
  }
  for (const [key, list] of mapped) {
    if (!list.length || !list.every(named)) continue;
    const parents = new Set(list.map((m) => byId.get(m.categoryId)).filter((c) => c?.level === 2).map((c) => c!.parent!));
    const others = (id: string) => (suppliers.get(key) ?? []).some((s) => [...mapped].some(([k, l]) => k !== key && l.some((m) => m.categoryId === id) && (suppliers.get(k) ?? []).includes(s)));
    for (const parent of parents) {
      const rows = (spend.get(key) ?? []).filter((r) => byId.get(r.categoryId)?.parent === parent);
      const total = rows.reduce((a, r) => a + r.spend, 0);
      for (const r of rows) {
        const share = total > 0 ? r.spend / total : 0;
        if (share < SIBLING_SHARE_MIN || list.some((m) => m.categoryId === r.categoryId) || others(r.categoryId)) continue;
        list.push({ categoryId: r.categoryId, method: 'supplier_spend', confidence: Math.round(share * 90) / 100, basis: share.toFixed(3) });
      }
    }
  }
}

async function loadInputs(db: DbConnector): Promise<AgreementInput[]> {
  const rows = await queryRows(
    db,
    // The name most rows give (a tie to the last alphabetically, suppliers/spelling.ts): mode() left a
    // tie to the order rows arrived in, and the name decides the automatic mapping.
    `WITH reg AS (SELECT ${agreementKeySql()} AS k, * FROM contract)
     SELECT reg.k, any_value(nm.name) AS name,
            list(DISTINCT category_text ORDER BY category_text) FILTER (WHERE category_text IS NOT NULL) AS texts,
            list(DISTINCT code ORDER BY code) FILTER (WHERE code IS NOT NULL) AS codes
       FROM reg LEFT JOIN (${spellingSql('reg', 'k', 'TRUE', 'name')}) nm USING (k) GROUP BY 1 ORDER BY 1`,
  );
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  return rows.map((r) => ({ key: String(r.k), name: r.name === null ? null : String(r.name), texts: list(r.texts), codes: list(r.codes) }));
}

/** Classified spend (absolute amounts, counted lines, decisions only) of each agreement's suppliers, per category. */
async function supplierSpend(db: DbConnector): Promise<Map<string, SpendRow[]>> {
  const rows = await queryRows(
    db,
    `WITH s AS (SELECT DISTINCT agreement_key, supplier_key FROM (${AGREEMENT_SUPPLIERS_SQL})),
     cls AS (${await classifiedLinesSql(db)}),
     l AS (SELECT coalesce(mm.to_key, l.supplier_key) AS supplier_key, c.category_id, abs(l.amount) AS w
             FROM spend_line l JOIN cls c USING (line_id) LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key
            WHERE l.counted)
     SELECT s.agreement_key, l.category_id, sum(l.w)::DOUBLE AS spend
       FROM s JOIN l USING (supplier_key) GROUP BY ALL ORDER BY 1, 3 DESC`,
  );
  const out = new Map<string, SpendRow[]>();
  for (const r of rows) {
    const key = String(r.agreement_key);
    out.set(key, [...(out.get(key) ?? []), { categoryId: String(r.category_id), spend: Number(r.spend) }]);
  }
  return out;
}

/**
 * The rule set a classification writes (built-in rules as switched on, and the user's), for a
 * workspace whose lines were classified some other way (a test's ground truth): names are then
 * classified by the same rules a classification run would use.
 */
async function ensureRuleTable(db: DbConnector, tree: CategoryTree): Promise<void> {
  await ensureClassifySchema(db);
  const [row] = await queryRows(db, 'SELECT count(*) AS n FROM rule');
  if (Number(row?.n ?? 0) > 0) return;
  const rules = [...(await loadBuiltinRules(db, tree)), ...(await loadUserRules(db, tree))];
  await writeRules(db, compileRules(rules, tree), tree);
}

/**
 * Maps the register when an agreement has no mapping yet (a register loaded since the last
 * refresh, or a workspace whose classification came from elsewhere); otherwise does nothing.
 */
export async function ensureAgreementsMapped(db: DbConnector, tree: CategoryTree): Promise<void> {
  // Looked at again only after a write (where the connector counts them); mapping is a write itself.
  await untilWritten(db, `agreements-mapped\n${JSON.stringify(tree.categories)}`, async () => {
    await ensureAgreementTables(db);
    const [row] = await queryRows(
      db,
      `SELECT count(*) AS n FROM (SELECT DISTINCT ${agreementKeySql()} AS k FROM contract)
        WHERE k NOT IN (SELECT agreement_key FROM agreement_category UNION SELECT agreement_key FROM agreement_category_manual)`,
    );
    if (Number(row?.n ?? 0) > 0) await mapAgreements(db, tree);
    return true;
  });
}

/** Recomputes the automatic mapping of every agreement; returns it per agreement key. */
export async function mapAgreements(db: DbConnector, tree: CategoryTree): Promise<Map<string, MappedCategory[]>> {
  await ensureAgreementTables(db);
  const inputs = await loadInputs(db);
  const out = new Map<string, MappedCategory[]>();
  await db.exec('DELETE FROM agreement_category');
  if (!inputs.length) return out;
  const known = new Set(tree.categories.map((c) => c.id));
  await ensureRuleTable(db, tree);
  // An agreement covers purchases: salaries, transfers and payments to public bodies are never what it names.
  const purchases = new Set(tree.categories.filter((c) => c.addressable).map((c) => c.id));
  const hits = await classifyTexts(db, inputs.flatMap((a) => (a.name ? nameParts(a.name) : [])), { categories: purchases });
  // A rule may name a category the tree no longer has (an older rule set): it maps nothing.
  for (const [text, hit] of hits) if (!known.has(hit.categoryId)) hits.delete(text);
  const spend = await supplierSpend(db);
  for (const a of inputs) out.set(a.key, decideAgreement(tree, a, hits, spend.get(a.key) ?? []));
  const pairs = await queryRows(db, `SELECT DISTINCT agreement_key, supplier_key FROM (${AGREEMENT_SUPPLIERS_SQL}) ORDER BY 1, 2`);
  const suppliers = new Map<string, string[]>();
  for (const p of pairs) suppliers.set(String(p.agreement_key), [...(suppliers.get(String(p.agreement_key)) ?? []), String(p.supplier_key)]);
  extendBySiblings(tree, out, spend, suppliers);
  const values: string[] = [];
  for (const [key, mapped] of out) {
    for (const m of mapped) values.push(`(${[key, m.categoryId, m.method, m.confidence, m.basis].map(literal).join(', ')})`);
    if (!mapped.length) values.push(`(${literal(key)}, NULL, 'none', 0, NULL)`);
  }
  if (values.length) await db.exec(`INSERT INTO agreement_category VALUES ${values.join(', ')}`);
  return out;
}
