import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { FILE_NAMES, type Manifest } from '../../../src/core/gen/index.js';
import { EUR_CATEGORIES } from '../../../src/core/gen/planted.js';
import { literal } from '../../../src/core/sql/escape.js';
import { generateInMemory } from './helpers.js';

/**
 * Every planted finding in the manifest, checked with plain SQL over the generated files in
 * DuckDB-WASM: what an analysis of the files can see must be what the manifest promises.
 */

const LINES = 20_000;
let db: DbConnector;
let manifest: Manifest;

const CVR_DIGITS = `regexp_replace(regexp_replace(upper(coalesce("CVR-nr", '')), '^DK', ''), '\\s', '', 'g')`;
const MOD11 = [2, 7, 6, 5, 4, 3, 2, 1].map((w, i) => `${w} * coalesce(TRY_CAST(substr(d, ${i + 1}, 1) AS INTEGER), 0)`).join(' + ');
const AMOUNT = (col: string) => `replace(replace("${col}", '.', ''), ',', '.')::DECIMAL(18,2)`;
const DKK = `CASE WHEN currency = 'EUR' THEN round(amount * 7.46, 2) ELSE amount END`;

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return queryRows(db, sql);
}
async function one<T = number>(sql: string): Promise<T> {
  const r = await rows(sql);
  return Object.values(r[0] ?? {})[0] as T;
}

beforeAll(async () => {
  const generated = generateInMemory(LINES, 'planted', ['csv', 'ecommerce', 'contracts']);
  manifest = generated.manifest;
  db = await openNodeWasmDb();
  for (const [name, bytes] of generated.files) await db.registerFile(name, bytes);
  const csv = (name: string) => `read_csv(${literal(name)}, delim=';', header=true, quote='"', escape='"', all_varchar=true)`;
  await db.exec(`CREATE TABLE inv AS SELECT * FROM ${csv(FILE_NAMES.csv)}`);
  await db.exec(`CREATE TABLE truth AS SELECT * FROM read_csv('truth.csv', header=true, delim=',', columns={'file': 'VARCHAR', 'row': 'BIGINT', 'category_id': 'VARCHAR'})`);
  await db.exec(`CREATE TABLE l AS
    WITH base AS (SELECT rowid + 1 AS row, *, ${CVR_DIGITS} AS d FROM inv)
    SELECT b.row, "Bilagsnr" AS doc, strptime("Fakturadato", '%d-%m-%Y')::DATE AS invoice_date, coalesce("CVR-nr", '') AS cvr_raw,
      CASE WHEN regexp_full_match(d, '[1-9][0-9]{7}') AND (${MOD11}) % 11 = 0 THEN d END AS cvr,
      "Leverandør" AS supplier_name, "EAN" AS ean, coalesce("Tekst", '') AS text, "Valuta" AS currency, "Ordrenr" AS order_no,
      ${AMOUNT('Beløb')} AS amount, t.category_id
    FROM base b JOIN truth t ON t.file = ${literal(FILE_NAMES.csv)} AND t.row = b.row`);
  await db.exec(`CREATE TABLE ord AS SELECT "Ordrenr" AS order_no, "CVR-nr" AS cvr, "EAN" AS ean, "Varenr" AS item_no, "Varenavn" AS item_name,
    ${AMOUNT('Enhedspris')} AS price FROM ${csv(FILE_NAMES.ecommerce)}`);
  await db.exec(`CREATE TABLE contracts AS SELECT "Aftale-id" AS id, "CVR-nr" AS cvr, "Kategori" AS category_id,
    strptime("Gyldig fra", '%d-%m-%Y')::DATE AS valid_from, strptime("Gyldig til", '%d-%m-%Y')::DATE AS valid_to, "Rammeaftale" AS framework
    FROM ${csv(FILE_NAMES.contracts)}`);
});

afterAll(async () => {
  await db?.close();
});

describe('totals and categories, as SQL sees them', () => {
  it('reads every line and joins every line to its truth', async () => {
    expect(await one('SELECT count(*) FROM inv')).toBe(LINES);
    expect(await one('SELECT count(*) FROM l')).toBe(LINES);
    expect(await one('SELECT count(DISTINCT doc) FROM l')).toBe(manifest.totals.documents);
    expect(await one('SELECT count(DISTINCT doc) FROM l WHERE amount < 0')).toBe(manifest.totals.creditNotes);
    expect(await one(`SELECT sum(amount) FROM l WHERE currency = 'EUR'`)).toBe(manifest.currency.eurAmount);
    expect(await one(`SELECT count(*) FROM l WHERE currency = 'EUR'`)).toBe(manifest.currency.eurLines);
    expect(await one(`SELECT sum(${DKK}) FROM l`)).toBeCloseTo(manifest.totals.spendDkk, 0);
    expect(await one(`SELECT count(DISTINCT category_id) FROM l`)).toBe(68);
  });

  it('matches the manifest per category: lines, documents, spend, suppliers (valid CVR) and units', async () => {
    const got = await rows(`SELECT category_id, count(*) AS lines, count(DISTINCT doc) AS documents, sum(${DKK}) AS spend,
      count(DISTINCT cvr) AS suppliers, count(DISTINCT ean) AS units FROM l GROUP BY ALL`);
    const byId = new Map(got.map((r) => [r.category_id as string, r]));
    for (const c of manifest.categories) {
      const r = byId.get(c.id)!;
      expect(r, c.id).toBeDefined();
      expect({ id: c.id, lines: r.lines, documents: r.documents, suppliers: r.suppliers, units: r.units }).toEqual({
        id: c.id, lines: c.lines, documents: c.documents, suppliers: c.suppliers, units: c.units,
      });
      if ((EUR_CATEGORIES as readonly string[]).includes(c.id)) expect(r.spend as number).toBeCloseTo(c.spendDkk, 0);
      else expect(r.spend, c.id).toBe(c.spendDkk);
    }
  });

  it('has the CVR mess, name variants and CPR numbers the manifest lists', async () => {
    const mess = manifest.cvrMess;
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw = ''`)).toBe(mess.linesMissingCvr);
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw <> '' AND cvr IS NULL`)).toBe(mess.linesInvalidCvr);
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw LIKE 'DK%' AND cvr IS NOT NULL`)).toBe(mess.linesDkPrefix);
    expect(await one(`SELECT count(*) FROM l WHERE cvr_raw LIKE '% %' AND cvr IS NOT NULL`)).toBe(mess.linesSpacedCvr);
    expect(mess.linesDkPrefix).toBeGreaterThan(0);
    expect(manifest.nameVariants.length).toBeGreaterThan(10);
    const names = await rows(`SELECT cvr, list(DISTINCT supplier_name ORDER BY supplier_name) AS names FROM l WHERE cvr IS NOT NULL GROUP BY cvr HAVING count(DISTINCT supplier_name) > 1`);
    expect(names.map((r) => ({ cvr: r.cvr, names: r.names })).sort((a, b) => String(a.cvr).localeCompare(String(b.cvr)))).toEqual(
      manifest.nameVariants.map((v) => ({ cvr: v.cvr, names: [...v.names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) })),
    );
    const kontorland = manifest.nameVariants.find((v) => v.canonical === 'Kontorland Danmark A/S');
    expect(kontorland?.names.length).toBeGreaterThan(1);
    expect(await one(`SELECT count(*) FROM l WHERE regexp_matches(text, '\\b\\d{6}-\\d{4}\\b')`)).toBe(manifest.cpr.lines);
    expect(manifest.cpr.lines).toBeGreaterThan(0);
  });
});

describe('planted findings', () => {
  it('(1) office supplies: bought from 30+ suppliers by 20+ units', async () => {
    const p = manifest.planted.officeFragmentation;
    const r = (await rows(`SELECT count(DISTINCT cvr) AS suppliers, count(DISTINCT ean) AS units, sum(amount) AS spend,
      list(DISTINCT cvr ORDER BY cvr) FILTER (WHERE cvr IS NOT NULL) AS cvrs FROM l WHERE category_id = ${literal(p.categoryId)}`))[0]!;
    expect(r.suppliers).toBe(p.suppliers);
    expect(p.suppliers).toBeGreaterThanOrEqual(30);
    expect(r.units).toBe(p.units);
    expect(p.units).toBeGreaterThanOrEqual(20);
    expect(r.spend).toBe(p.spendDkk);
    expect(r.cvrs).toEqual(p.supplierCvrs);
    expect(await one(`SELECT count(*) FROM contracts WHERE id = ${literal(p.agreement.id)} AND cvr = ${literal(p.agreement.supplierCvr)} AND category_id = ${literal(p.categoryId)}`)).toBe(1);
    expect(await one(`SELECT sum(amount) FROM l WHERE category_id = ${literal(p.categoryId)} AND cvr = ${literal(p.agreement.supplierCvr)}`)).toBe(p.agreement.spendDkk);
  });

  it('(2) cleaning: above the EU threshold every year, split over 8 suppliers, no agreement', async () => {
    const p = manifest.planted.cleaningAboveThreshold;
    const years = await rows(`SELECT year(invoice_date)::VARCHAR AS y, sum(amount) AS spend FROM l WHERE category_id = ${literal(p.categoryId)} GROUP BY ALL ORDER BY y`);
    expect(Object.fromEntries(years.map((r) => [r.y, r.spend]))).toEqual(p.spendByYear);
    for (const r of years) expect(r.spend as number).toBeGreaterThan(p.thresholdDkk);
    const suppliers = await rows(`SELECT cvr, sum(amount) AS spend FROM l WHERE category_id = ${literal(p.categoryId)} AND cvr IS NOT NULL GROUP BY cvr ORDER BY spend DESC, cvr`);
    expect(suppliers.map((r) => ({ cvr: r.cvr, spend: r.spend }))).toEqual(p.suppliers.map((s) => ({ cvr: s.cvr, spend: s.spendDkk })));
    expect(p.supplierCount).toBe(8);
    expect(await one(`SELECT count(*) FROM contracts WHERE category_id = ${literal(p.categoryId)}`)).toBe(0);
    expect(p.agreements).toEqual([]);
  });

  it('(3) IT hardware: an agreement, and maverick buying from other suppliers', async () => {
    const p = manifest.planted.itHardwareMaverick;
    const c = (await rows(`SELECT * FROM contracts WHERE id = ${literal(p.agreementId)}`))[0]!;
    expect(c).toMatchObject({ cvr: p.agreementSupplierCvr, category_id: p.categoryId });
    expect(String(c.valid_from) <= '2024-01-01' && String(c.valid_to) >= '2025-12-31').toBe(true);
    const on = await one(`SELECT sum(amount) FROM l WHERE category_id = ${literal(p.categoryId)} AND cvr = ${literal(p.agreementSupplierCvr)}`);
    const off = await rows(`SELECT cvr, sum(amount) AS spend FROM l WHERE category_id = ${literal(p.categoryId)} AND cvr IS NOT NULL AND cvr <> ${literal(p.agreementSupplierCvr)} GROUP BY cvr ORDER BY spend DESC, cvr`);
    expect(on).toBe(p.onAgreementSpendDkk);
    expect(off.map((r) => ({ cvr: r.cvr, spend: r.spend }))).toEqual(p.mavericks.map((m) => ({ cvr: m.cvr, spend: m.spendDkk })));
    expect(off.length).toBeGreaterThanOrEqual(5);
    expect(p.offAgreementShare).toBeGreaterThan(0.1);
  });

  it('(4) a long tail of invoices under 250 kr.', async () => {
    for (const p of manifest.planted.smallOrders.categories) {
      const r = (await rows(`WITH docs AS (SELECT doc, sum(amount) AS total FROM l WHERE category_id = ${literal(p.categoryId)} AND currency = 'DKK' GROUP BY doc HAVING min(amount) >= 0)
        SELECT count(*) FILTER (WHERE total > 0 AND total < ${manifest.planted.smallOrders.thresholdDkk}) AS small,
               sum(total) FILTER (WHERE total > 0 AND total < ${manifest.planted.smallOrders.thresholdDkk}) AS spend, count(*) AS docs FROM docs`))[0]!;
      expect({ id: p.categoryId, small: r.small, spend: r.spend, docs: r.docs }).toEqual({ id: p.categoryId, small: p.documents, spend: p.spendDkk, docs: p.invoiceDocuments });
      expect(p.share).toBeGreaterThan(0.15);
    }
  });

  it('(5) price variance: the same e-commerce item at different unit prices in different units', async () => {
    expect(manifest.planted.priceVariance.length).toBeGreaterThanOrEqual(5);
    for (const p of manifest.planted.priceVariance) {
      const r = (await rows(`SELECT count(*) AS lines, count(DISTINCT price) AS prices, min(price) AS lo, max(price) AS hi, count(DISTINCT ean) AS units,
        any_value(item_name) AS name FROM ord WHERE cvr = ${literal(p.supplierCvr)} AND item_no = ${literal(p.itemNo)}`))[0]!;
      expect(r).toEqual({ lines: p.ecommerceLines, prices: p.distinctUnitPrices, lo: p.minUnitPriceDkk, hi: p.maxUnitPriceDkk, units: p.units, name: p.itemName });
      expect(p.distinctUnitPrices).toBeGreaterThan(1);
      expect(p.maxUnitPriceDkk / p.minUnitPriceDkk).toBeGreaterThan(1.2);
    }
    // Every other catalogue item has one price: the variance is planted, not noise.
    const planted = manifest.planted.priceVariance.map((p) => `(${literal(p.supplierCvr)}, ${literal(p.itemNo)})`).join(', ');
    expect(await one(`SELECT max(n) FROM (SELECT count(DISTINCT price) AS n FROM ord WHERE (cvr, item_no) NOT IN (${planted}) GROUP BY cvr, item_no)`)).toBe(1);
    // Order lines link to invoice lines by order number.
    expect(await one(`SELECT count(*) FROM ord WHERE order_no IN (SELECT order_no FROM l WHERE order_no IS NOT NULL)`)).toBe(manifest.ecommerce.linesInvoiced);
    expect(manifest.ecommerce.linesNotInvoiced).toBeGreaterThanOrEqual(0);
  });

  it('well-bought categories: one supplier, on an agreement for the whole period', async () => {
    expect(manifest.planted.wellBought.length).toBeGreaterThanOrEqual(2);
    for (const p of manifest.planted.wellBought) {
      const r = (await rows(`SELECT count(DISTINCT cvr) AS suppliers, any_value(cvr) AS cvr, count(*) FILTER (WHERE cvr IS NULL) AS unkeyed, sum(amount) AS spend
        FROM l WHERE category_id = ${literal(p.categoryId)}`))[0]!;
      expect(r).toEqual({ suppliers: 1, cvr: p.supplierCvr, unkeyed: 0, spend: p.spendDkk });
      const c = await rows(`SELECT id FROM contracts WHERE category_id = ${literal(p.categoryId)} AND cvr = ${literal(p.supplierCvr)}
        AND valid_from <= DATE '2024-01-01' AND valid_to >= DATE '2025-12-31'`);
      expect(c.map((x) => x.id)).toEqual([p.agreementId]);
    }
  });
});
