import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILE_NAMES, isValidCvr, isValidGln, type Manifest, normalizeCvr } from '../../../src/core/gen/index.js';
import { assertWellFormedXml, generateInMemory, parseCsv } from './helpers.js';

const LINES = 20_000;
const INVOICE_COLUMNS = 15;
let files: Map<string, Uint8Array>;
let manifest: Manifest;
/**
 * The WHATWG decoder for windows-1252. Node 20's TextDecoder decodes the 0x80–0x9F range as
 * Latin-1 control characters (browsers do not); when it does, those bytes are mapped here.
 */
const C1_TO_CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};
function decodeWindows1252(bytes: Uint8Array): string {
  const decoder = new TextDecoder('windows-1252');
  const text = decoder.decode(bytes);
  if (decoder.decode(Uint8Array.of(0x96)) === '–') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => C1_TO_CP1252[c.charCodeAt(0)] ?? c);
}

const utf8 = (name: string): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.get(name)!);

beforeAll(() => {
  ({ files, manifest } = generateInMemory(LINES, 'formats'));
});

describe('invoice CSV (Danish conventions)', () => {
  it('is UTF-8 with BOM, CRLF, ";" and well-formed quoting, with one row per line', () => {
    const text = utf8(FILE_NAMES.csv);
    expect(text.startsWith('\uFEFFBilagsnr;Fakturadato;Bogføringsdato;CVR-nr;Leverandør;Omkostningssted;EAN;Art;Konto;Tekst;Antal;Enhedspris;Beløb;Valuta;Ordrenr\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // Outside quoted fields every line break is CRLF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(LINES + 1);
    for (const row of rows) expect(row).toHaveLength(INVOICE_COLUMNS);
    const data = rows.slice(1);
    for (const r of data) {
      expect(r[1]).toMatch(/^\d{2}-\d{2}-202[45]$/);
      expect(r[2]).toMatch(/^\d{2}-\d{2}-202[456]$/);
      expect(r[12]).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}$/);
      expect(r[11]).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
      expect(r[10]).toMatch(/^-?\d+(,\d{1,2})?$/);
      expect(isValidGln(r[6]!)).toBe(true);
      expect(['DKK', 'EUR']).toContain(r[13]);
    }
    // Some fields needed quoting, and they came back intact.
    expect(data.some((r) => r[9]!.includes(';'))).toBe(true);
    expect(data.some((r) => r[9]!.includes('"'))).toBe(true);
  });

  it('has valid CVRs where the CVR is meant to be valid, and exactly the planted mess', () => {
    const data = parseCsv(utf8(FILE_NAMES.csv).slice(1)).slice(1);
    const cvr = data.map((r) => r[3]!);
    expect(cvr.filter((c) => c === '')).toHaveLength(manifest.cvrMess.linesMissingCvr);
    expect(cvr.filter((c) => c !== '' && normalizeCvr(c) === null)).toHaveLength(manifest.cvrMess.linesInvalidCvr);
    expect(cvr.filter((c) => c.startsWith('DK') && normalizeCvr(c))).toHaveLength(manifest.cvrMess.linesDkPrefix);
    expect(cvr.filter((c) => /^\d{8}$/.test(c) && !isValidCvr(c)).length).toBe(manifest.cvrMess.linesInvalidCvr);
    expect(manifest.cvrMess.linesMissingCvr / LINES).toBeGreaterThan(0.015);
    expect(manifest.cvrMess.linesMissingCvr / LINES).toBeLessThan(0.045);
    expect(manifest.cvrMess.linesInvalidCvr).toBeGreaterThan(0);
  });

  it('csv-dot differs only in its date separator, and csv-cp1252 decodes to the same text', () => {
    const csv = utf8(FILE_NAMES.csv);
    const dot = utf8(FILE_NAMES['csv-dot']);
    expect(dot.replace(/(?<=;|^)(\d{2})\.(\d{2})\.(\d{4})(?=;)/gm, '$1-$2-$3')).toBe(csv);
    const cp = files.get(FILE_NAMES['csv-cp1252'])!;
    expect([cp[0], cp[1], cp[2]]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeWindows1252(cp)).toBe(csv.slice(1));
    // Danish letters and the en dash of "Rådhuset – Økonomi" are single bytes in Windows-1252.
    expect(cp.includes(0x96)).toBe(true);
    expect(cp.includes(0xf8)).toBe(true);
  });
});

describe('truth, e-commerce and contracts', () => {
  it('has one truth row per invoice line, XML line and e-commerce line', () => {
    const rows = parseCsv(utf8('truth.csv'), ',');
    expect(rows[0]).toEqual(['file', 'row', 'category_id']);
    const data = rows.slice(1);
    expect(data).toHaveLength(manifest.truth!.rows);
    const invoice = data.filter((r) => r[0] === FILE_NAMES.csv);
    expect(invoice).toHaveLength(LINES);
    expect(invoice.map((r) => Number(r[1]))).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
    expect(data.filter((r) => r[0] === FILE_NAMES.ecommerce)).toHaveLength(manifest.ecommerce.lines);
    expect(data.filter((r) => r[0]!.endsWith('.xml'))).toHaveLength(LINES);
    expect(new Set(invoice.map((r) => r[2])).size).toBe(68);
  });

  it('writes the e-commerce and contract files in the same conventions', () => {
    const orders = parseCsv(utf8(FILE_NAMES.ecommerce).slice(1));
    expect(orders[0]).toEqual(['Ordrenr', 'Ordredato', 'Afdeling', 'EAN', 'CVR-nr', 'Leverandør', 'Varenr', 'UNSPSC', 'Varenavn', 'Antal', 'Enhed', 'Enhedspris', 'Linjebeløb', 'Valuta']);
    expect(orders.length - 1).toBe(manifest.ecommerce.lines);
    for (const r of orders.slice(1)) {
      expect(r).toHaveLength(14);
      expect(r[7]).toMatch(/^[1-9]\d{7}$/);
      expect(isValidCvr(r[4]!)).toBe(true);
      expect(r[1]).toMatch(/^\d{2}-\d{2}-202[45]$/);
    }
    const contracts = parseCsv(utf8(FILE_NAMES.contracts).slice(1));
    expect(contracts[0]).toEqual(['Aftale-id', 'Aftalenavn', 'CVR-nr', 'Leverandør', 'Kategori', 'Gyldig fra', 'Gyldig til', 'Rammeaftale']);
    expect(contracts.length - 1).toBe(manifest.contracts.rows);
    expect(contracts.slice(1).some((r) => r[7] === 'SKI 02.19 Kontorartikler')).toBe(true);
  });
});

describe('xlsx', () => {
  it('unzips to well-formed SpreadsheetML parts with one row per line', () => {
    const parts = unzipSync(files.get(FILE_NAMES.xlsx)!);
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml',
    ]);
    for (const bytes of Object.values(parts)) assertWellFormedXml(strFromU8(bytes));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)).toHaveLength(LINES + 1);
    expect(sheet).toContain(`<dimension ref="A1:O${LINES + 1}"/>`);
    // Dates are serials in the date style, amounts are numbers in the amount style.
    expect(sheet).toMatch(/<c r="B2" s="1"><v>4\d{4}<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="M2" s="2"><v>-?\d+(\.\d{1,2})?<\/v><\/c>/);
    expect(strFromU8(parts['xl/styles.xml']!)).toContain('formatCode="dd-mm-yyyy"');
  });
});

describe('OIOUBL zip', () => {
  it('holds one well-formed Invoice or CreditNote per document, shaped like OIOUBL', () => {
    const docs = unzipSync(files.get(FILE_NAMES['oioubl-zip'])!);
    const names = Object.keys(docs);
    expect(names).toHaveLength(manifest.totals.documents);
    let lines = 0;
    let credits = 0;
    names.forEach((name, i) => {
      const xml = strFromU8(docs[name]!);
      const credit = xml.includes('<CreditNote ');
      if (credit) credits++;
      lines += (xml.match(credit ? /<cac:CreditNoteLine>/g : /<cac:InvoiceLine>/g) ?? []).length;
      if (i % 50 === 0 || credit) {
        assertWellFormedXml(xml);
        expect(xml).toContain(`<cbc:ID>${name.replace('.xml', '')}</cbc:ID>`);
        expect(xml).toMatch(/<cbc:EndpointID schemeAgencyID="9" schemeID="GLN">5798\d{9}<\/cbc:EndpointID>/);
        expect(xml).toContain('<cbc:CustomizationID>OIOUBL-2.1</cbc:CustomizationID>');
        expect(xml).toMatch(/<cbc:DocumentCurrencyCode>(DKK|EUR)<\/cbc:DocumentCurrencyCode>/);
        expect(xml).toContain('<cac:LegalMonetaryTotal>');
        expect(xml).not.toMatch(/<cbc:LineExtensionAmount currencyID="\w+">-/);
      }
    });
    expect(lines).toBe(LINES);
    expect(credits).toBe(manifest.totals.creditNotes);
    const sample = strFromU8(docs[names.find((n) => strFromU8(docs[n]!).includes('listID="UNSPSC"'))!]!);
    expect(sample).toMatch(/<cbc:ItemClassificationCode listAgencyID="113" listID="UNSPSC">\d{8}<\/cbc:ItemClassificationCode>/);
    expect(sample).toMatch(/<cbc:CompanyID schemeID="DK:CVR">DK\d{8}<\/cbc:CompanyID>/);
  });
});
