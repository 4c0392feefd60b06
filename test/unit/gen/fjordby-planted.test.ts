import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { FILE_NAMES, type FjordbyManifest } from '../../../src/core/gen/index.js';
import { literal } from '../../../src/core/sql/escape.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { generateProfileInMemory } from './helpers.js';

/**
 * Fjordby Kommune's planted findings, checked with plain SQL over its files in DuckDB-WASM: the
 * invoice export (its own columns), truth.csv and the register in its own words. What SQL can see
 * must be what the manifest promises. Seed 'fjordby-planted' is the generator's own test seed.
 */

const LINES = 20_000;
let db: DbConnector;
let manifest: FjordbyManifest;

const CVR_DIGITS = `regexp_replace(regexp_replace(upper(coalesce("Kreditor CVR", '')), '^DK', ''), '\\s', '', 'g')`;
const MOD11 = [2, 7, 6, 5, 4, 3, 2, 1].map((w, i) => `${w} * coalesce(TRY_CAST(substr(d, ${i + 1}, 1) AS INTEGER), 0)`).join(' + ');
const AMOUNT = `replace(replace("Beløb ekskl. moms", '.', ''), ',', '.')::DECIMAL(18,2)`;

const rows = (sql: string): Promise<Record<string, unknown>[]> => queryRows(db, sql);
async function one<T = number>(sql: string): Promise<T> {
  return Object.values((await rows(sql))[0] ?? {})[0] as T;
}

beforeAll(async () => {
  const generated = generateProfileInMemory('fjordby', LINES, 'fjordby-planted');
  manifest = generated.manifest;
  db = await openNodeWasmDb();
  for (const [name, bytes] of generated.files) await db.registerFile(name, bytes);
  const csv = (name: string) => `read_csv(${literal(name)}, delim=';', header=true, quote='"', escape='"', all_varchar=true)`;
  await db.exec(`CREATE TABLE inv AS SELECT * FROM ${csv(FILE_NAMES.csv)}`);
  await db.exec(`CREATE TABLE truth AS SELECT * FROM read_csv('truth.csv', header=true, delim=',', columns={'file': 'VARCHAR', 'row': 'BIGINT', 'category_id': 'VARCHAR'})`);
  await db.exec(`CREATE TABLE l AS
    WITH base AS (SELECT rowid + 1 AS row, *, ${CVR_DIGITS} AS d FROM inv)
    SELECT b.row, "Fakturanr" AS doc, strptime("Dato", '%d.%m.%Y')::DATE AS invoice_date, coalesce("Kreditor CVR", '') AS cvr_raw,
      CASE WHEN regexp_full_match(d, '[1-9][0-9]{7}') AND (${MOD11}) % 11 = 0 THEN d END AS cvr,
      "Kreditornavn" AS supplier_name, "EAN-lokation" AS ean, coalesce("Posteringstekst", '') AS text, ${AMOUNT} AS amount, t.category_id
    FROM base b JOIN truth t ON t.file = ${literal(FILE_NAMES.csv)} AND t.row = b.row`);
  await db.exec(`CREATE TABLE reg_raw AS SELECT * FROM ${csv(FILE_NAMES.contracts)}`);
  await db.exec(`CREATE TABLE reg AS SELECT rowid + 1 AS row, "Aftalenr" AS id, "Aftale" AS name, "CVR" AS cvr, "Udbudsform" AS tender,
    strptime("Startdato", '%d.%m.%Y')::DATE AS valid_from, strptime("Slutdato", '%d.%m.%Y')::DATE AS valid_to,
    TRY_CAST(replace("Anslået værdi (kr.)", '.', '') AS BIGINT) AS value FROM reg_raw`);
  // The register's truth (which categories each row covers) exists only in the manifest.
  const covers = manifest.register.rows.flatMap((r) => r.categoryIds.map((c) => `(${r.row}, ${literal(c)})`));
  await db.exec(`CREATE TABLE covers AS SELECT * FROM (VALUES ${covers.join(', ')}) t(row, category_id)`);
});

afterAll(async () => {
  await db?.close();
});

/** Spend of a category per valid CVR as written, largest first. */
const bySupplier = (categoryId: string) =>
  rows(`SELECT cvr, sum(amount) AS spend FROM l WHERE category_id = ${literal(categoryId)} AND cvr IS NOT NULL GROUP BY cvr ORDER BY spend DESC, cvr`);

describe('Fjordby: the files as SQL sees them', () => {
  it('joins every line to its truth and matches the manifest per category', async () => {
    expect(await one('SELECT count(*) FROM inv')).toBe(LINES);
    expect(await one('SELECT count(*) FROM l')).toBe(LINES);
    expect(manifest.truth?.rows).toBe(LINES);
    expect(await one('SELECT sum(amount) FROM l')).toBe(manifest.totals.spendDkk);
    const got = await rows(`SELECT category_id, count(*) AS lines, count(DISTINCT doc) AS documents, sum(amount) AS spend,
      count(DISTINCT cvr) AS suppliers, count(DISTINCT ean) AS units FROM l GROUP BY ALL`);
    const byId = new Map(got.map((r) => [r.category_id as string, r]));
    for (const c of manifest.categories) {
      expect(byId.get(c.id), c.id).toEqual({ category_id: c.id, lines: c.lines, documents: c.documents, spend: c.spendDkk, suppliers: c.suppliers, units: c.units });
    }
  });

  it('has the CVR mess, CPR numbers and empty texts the manifest lists', async () => {
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw = ''`)).toBe(manifest.cvrMess.linesMissingCvr);
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw <> '' AND cvr IS NULL`)).toBe(manifest.cvrMess.linesInvalidCvr);
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw LIKE 'DK%' AND cvr IS NOT NULL`)).toBe(manifest.cvrMess.linesDkPrefix);
    expect(manifest.cvrMess.linesMissingCvr / LINES).toBeGreaterThan(0.015);
    expect(await one(`SELECT count(*) FROM l WHERE regexp_matches(text, '\\b\\d{6}-\\d{4}\\b')`)).toBe(manifest.cpr.lines);
    const empty = await one(`SELECT count(*) FROM l WHERE text = ''`);
    expect(empty).toBe(manifest.textMess.emptyTexts);
    expect(empty / LINES).toBeGreaterThan(0.04);
    expect(empty / LINES).toBeLessThan(0.09);
    // Most empty lines come from suppliers that (almost) never send a text.
    const fromSilent = await one(`WITH s AS (SELECT cvr, avg((text = '')::INT) AS empty_share FROM l WHERE cvr IS NOT NULL GROUP BY cvr)
      SELECT count(*) FROM l JOIN s USING (cvr) WHERE text = '' AND s.empty_share >= 0.5`);
    expect(fromSilent / empty).toBeGreaterThan(0.6);
    expect(manifest.planted.silentSuppliers.length).toBeGreaterThan(10);
    expect(manifest.planted.genericTexts.lines / LINES).toBeGreaterThan(0.04);
  });
});

describe('Fjordby: the register in its own words', () => {
  it('carries no category ids, and the manifest holds what each row covers', async () => {
    const treeIds = new Set(defaultCategoryTree().categories.map((c) => c.id));
    const cells = await rows('SELECT * FROM reg_raw');
    expect(Object.keys(cells[0]!)).toEqual(['Aftalenr', 'Aftale', 'Leverandør', 'CVR', 'Startdato', 'Slutdato', 'Udbudsform', 'Område', 'Anslået værdi (kr.)']);
    for (const row of cells) for (const v of Object.values(row)) expect(treeIds.has(String(v)), String(v)).toBe(false);
    const reg = await rows('SELECT row, id, cvr, valid_from::VARCHAR AS f, valid_to::VARCHAR AS t, value FROM reg ORDER BY row');
    expect(reg.map((r) => [r.row, r.id, r.cvr ?? '', r.f, r.t, r.value])).toEqual(
      manifest.register.rows.map((r) => [r.row, r.agreementId, r.cvrInRegister ? r.supplierCvr : '', r.validFrom, r.validTo, r.estimatedValueDkk]),
    );
    for (const r of manifest.register.rows) for (const c of r.categoryIds) expect(treeIds.has(c), c).toBe(true);
    expect(manifest.register.rows.some((r) => r.categoryIds.length > 1)).toBe(true);
    expect(await one('SELECT count(*) FROM (SELECT id FROM reg GROUP BY id HAVING count(*) > 1)')).toBeGreaterThan(3);
    const areas = manifest.register.rows.filter((r) => r.area !== '').length / manifest.register.rows.length;
    expect(areas).toBeGreaterThan(0.3);
    expect(areas).toBeLessThan(0.7);
  });

  it('has one agreement ending within 12 months after the data, and it is the planted one', async () => {
    const p = manifest.planted.agreementEndingSoon;
    const ending = await rows(`SELECT DISTINCT id FROM reg WHERE valid_to > DATE '2025-12-31' AND valid_to <= DATE '2026-12-31'`);
    expect(ending.map((r) => r.id)).toEqual([p.agreementId]);
    expect(p.monthsAfterData).toBeGreaterThan(0);
    expect(p.monthsAfterData).toBeLessThanOrEqual(12);
    const on = await one(`SELECT sum(amount) FROM l WHERE category_id = ${literal(p.categoryIds[0]!)} AND cvr = ${literal(p.supplierCvr)}`);
    expect(on).toBe(p.onAgreementSpendDkk);
    expect(p.onAgreementShare).toBeGreaterThan(0.95);
  });
});

describe('Fjordby: planted findings', () => {
  it('well bought: food and electricity ≥ 95 % from suppliers on valid, tendered agreements', async () => {
    expect(manifest.planted.wellBought).toEqual(['food.groceries', 'food.beverages', 'energy.electricity']);
    for (const p of manifest.planted.wellBoughtFigures) {
      const r = (await rows(`WITH valid AS (SELECT DISTINCT reg.cvr FROM reg JOIN covers USING (row)
          WHERE covers.category_id = ${literal(p.categoryId)} AND valid_from <= DATE '2024-01-01' AND valid_to >= DATE '2025-12-31'
            AND tender NOT LIKE 'Ikke udbudt%' AND reg.cvr IS NOT NULL)
        SELECT sum(amount) AS spend, sum(amount) FILTER (WHERE cvr IN (SELECT cvr FROM valid)) AS on_agreement
        FROM l WHERE category_id = ${literal(p.categoryId)}`))[0]!;
      expect({ id: p.categoryId, spend: r.spend, on: r.on_agreement }).toEqual({ id: p.categoryId, spend: p.spendDkk, on: p.onAgreementSpendDkk });
      expect((r.on_agreement as number) / (r.spend as number), p.categoryId).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('IT hardware: a valid agreement, and about half the spend bought from other suppliers', async () => {
    const p = manifest.planted.itHardwareOffAgreement;
    expect(p.kind).toBe('agreement');
    const c = (await rows(`SELECT * FROM reg WHERE id = ${literal(p.agreementId)}`))[0]!;
    expect(c.cvr).toBe(p.agreementSupplierCvr);
    expect(String(c.valid_from) <= '2024-01-01' && String(c.valid_to) >= '2025-12-31').toBe(true);
    const spend = await bySupplier('it.hardware');
    const on = spend.find((r) => r.cvr === p.agreementSupplierCvr)?.spend;
    const off = spend.filter((r) => r.cvr !== p.agreementSupplierCvr);
    expect(on).toBe(p.onAgreementSpendDkk);
    expect(off.map((r) => ({ cvr: r.cvr, spend: r.spend }))).toEqual(p.mavericks.map((m) => ({ cvr: m.cvr, spend: m.spendDkk })));
    expect(off.length).toBe(7);
    expect(p.offAgreementShare).toBeGreaterThan(0.35);
    expect(p.offAgreementShare).toBeLessThan(0.65);
  });

  it('crafts: about 5 mio. kr. a year over twelve craftsmen, no agreement, over tilbudsloven’s 3 mio. kr.', async () => {
    const p = manifest.planted.craftsWithoutAgreement;
    expect(p.kind).toBe('tender');
    const years = await rows(`SELECT year(invoice_date)::VARCHAR AS y, sum(amount) AS spend FROM l WHERE category_id = 'works.crafts' GROUP BY ALL ORDER BY y`);
    expect(Object.fromEntries(years.map((r) => [r.y, r.spend]))).toEqual(p.spendByYear);
    for (const r of years) expect(r.spend as number).toBeGreaterThan(p.thresholdDkk);
    const suppliers = await bySupplier('works.crafts');
    expect(suppliers.map((r) => ({ cvr: r.cvr, spend: r.spend }))).toEqual(p.suppliers.map((s) => ({ cvr: s.cvr, spend: s.spendDkk })));
    expect(suppliers.length).toBe(12);
    for (const s of p.suppliers) for (const y of Object.values(s.spendByYear)) expect(y).toBeLessThan(p.thresholdDkk);
    expect(await one(`SELECT count(*) FROM covers WHERE category_id = 'works.crafts'`)).toBe(0);
    expect(await one(`SELECT count(*) FROM reg WHERE cvr IN (SELECT cvr FROM l WHERE category_id = 'works.crafts')`)).toBe(0);
  });

  it('vehicle repair: above the EU threshold every year, split over eight workshops, no agreement', async () => {
    const p = manifest.planted.vehicleRepairSplit;
    const years = await rows(`SELECT year(invoice_date)::VARCHAR AS y, sum(amount) AS spend FROM l WHERE category_id = 'transport.repair' GROUP BY ALL ORDER BY y`);
    expect(Object.fromEntries(years.map((r) => [r.y, r.spend]))).toEqual(p.spendByYear);
    for (const r of years) expect(r.spend as number).toBeGreaterThan(p.thresholdDkk);
    expect((await bySupplier('transport.repair')).length).toBe(8);
    expect(await one(`SELECT count(*) FROM covers WHERE category_id = 'transport.repair'`)).toBe(0);
  });

  it('a framework used 90–110 % of its maximum', async () => {
    const p = manifest.planted.frameworkNearMaximum;
    const r = (await rows(`SELECT max(value) AS value, list(DISTINCT cvr ORDER BY cvr) AS cvrs, min(valid_from)::VARCHAR AS f FROM reg WHERE id = ${literal(p.agreementId)}`))[0]!;
    expect(r.value).toBe(p.maxValueDkk);
    expect(r.cvrs).toEqual(p.supplierCvrs);
    expect(r.f).toBe(p.validFrom);
    const used = await one(`SELECT sum(amount) FROM l WHERE category_id = ${literal(p.categoryIds[0]!)} AND cvr IN (SELECT cvr FROM reg WHERE id = ${literal(p.agreementId)})`);
    expect(used).toBe(p.usedDkk);
    expect(used / p.maxValueDkk).toBeGreaterThanOrEqual(0.9);
    expect(used / p.maxValueDkk).toBeLessThanOrEqual(1.1);
  });

  it('lists every planted finding with its categories and expected kind', () => {
    expect(manifest.planted.expected.map((e) => [e.key, e.categoryIds, e.kind])).toEqual([
      ['itHardwareOffAgreement', ['it.hardware'], 'agreement'],
      ['craftsWithoutAgreement', ['works.crafts'], 'tender'],
      ['vehicleRepairSplit', ['transport.repair'], 'tender'],
      ['frameworkNearMaximum', ['staffing.health'], 'tender'],
      ['agreementEndingSoon', ['facility.hygiene'], 'tender'],
    ]);
    const planted = new Set(manifest.planted.expected.flatMap((e) => e.categoryIds));
    for (const id of manifest.planted.wellBought) expect(planted.has(id)).toBe(false);
  });
});
