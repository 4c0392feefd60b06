import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ParsedTable } from '../../../../src/core/import/parsed-table.js';
import { isUblXml, isZip, parseUblDocuments, parseUblZip } from '../../../../src/core/import/ubl/index.js';
import { fixtureBytes, fixtureNames } from '../../../support/fixtures.js';

const NAMES = fixtureNames('oioubl').map((n) => n.slice('oioubl/'.length));
const read = (name: string): Uint8Array => fixtureBytes(`oioubl/${name}`);

/** Øre from decimal text, written independently of the parser's own decimal code. */
function ore(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not an amount: ${text}`);
  const value = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** What the raw XML says, found with regexes only: line count, line sum and header allowances. */
function expectations(xml: string) {
  const credit = /<(?:\w+:)?CreditNote[\s>]/.test(xml.slice(0, 2000));
  const tag = credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
  const blocks = [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
  const lineSum = blocks
    .map((b) => /<cbc:LineExtensionAmount[^>]*>([^<]+)</.exec(b)![1]!)
    .reduce((sum, v) => sum + ore(v), 0n);
  const beforeLines = xml.slice(0, xml.indexOf(`<${tag}>`)).replace(/<!--[\s\S]*?-->/g, '');
  const header = [...beforeLines.matchAll(/<cac:AllowanceCharge>([\s\S]*?)<\/cac:AllowanceCharge>/g)].map((m) => ({
    charge: /<cbc:ChargeIndicator>\s*true/.test(m[1]!),
    amount: ore(/<cbc:Amount[^>]*>([^<]+)</.exec(m[1]!)![1]!),
  }));
  const total = /<cac:LegalMonetaryTotal>[\s\S]*?<cbc:LineExtensionAmount[^>]*>([^<]+)</.exec(xml)![1]!;
  return { credit, lines: blocks.length, lineSum, header, total: ore(total) };
}

function col(t: ParsedTable, name: string): (string | null)[] {
  const i = t.headers.indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  return t.columns[i]!;
}

function rowsOf(t: ParsedTable, file: string): Record<string, string | null>[] {
  const out: Record<string, string | null>[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    if (t.origin?.file[r] !== file) continue;
    out.push(Object.fromEntries(t.headers.map((h, c) => [h, t.columns[c]![r]!])));
  }
  return out;
}

describe('the five real OIOUBL examples', () => {
  it('finds the five fixtures', () => {
    expect(NAMES).toHaveLength(5);
  });

  it.each(NAMES)('%s: line count, line total and header allowances match the XML', (name) => {
    const bytes = read(name);
    expect(isUblXml(bytes)).toBe(true);
    expect(isZip(bytes)).toBe(false);
    const want = expectations(new TextDecoder().decode(bytes));
    const table = parseUblDocuments([{ name, bytes }]);
    expect(table.warnings).toEqual([]);
    const rows = rowsOf(table, name);
    const lines = rows.filter((r) => r.lineKind === 'line');
    expect(lines).toHaveLength(want.lines);
    expect(want.lineSum).toBe(want.total);
    const sign = want.credit ? -1n : 1n;
    expect(lines.reduce((s, r) => s + ore(r.amount!), 0n)).toBe(sign * want.lineSum);
    const extra = rows.filter((r) => r.lineKind !== 'line');
    expect(extra.map((r) => r.lineKind)).toEqual(want.header.map((h) => (h.charge ? 'charge' : 'allowance')));
    expect(extra.map((r) => ore(r.amount!))).toEqual(want.header.map((h) => sign * (h.charge ? h.amount : -h.amount)));
    expect(table.origin!.row).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(col(table, 'documentType'))).toEqual(new Set([want.credit ? 'CreditNote' : 'Invoice']));
  });

  it('reads header fields and keeps the decimal text', () => {
    const t = parseUblDocuments([{ name: 'happy-path_real.xml', bytes: read('happy-path_real.xml') }]);
    expect(t.headers).toEqual([
      'documentId', 'documentType', 'documentDate', 'postingDate', 'supplierCvr', 'supplierName', 'unit',
      'unitEan', 'account', 'accountNo', 'description', 'itemCode', 'itemScheme', 'quantity', 'unitPrice',
      'amount', 'currency', 'orderRef', 'lineKind',
    ]);
    expect(rowsOf(t, 'happy-path_real.xml')[0]).toEqual({
      documentId: 'A00095678', documentType: 'Invoice', documentDate: '2005-11-20', postingDate: null,
      supplierCvr: '16356700', supplierName: 'Tavleverandøren', unit: 'Den Lille Skole',
      // The buyer's EndpointID here is a CVR, not a GLN, so there is no unit EAN.
      unitEan: null, account: null, accountNo: '5250124502', description: 'Hejsetavle',
      itemCode: '5712345780121', itemScheme: 'seller', quantity: '1.00', unitPrice: '5000.00',
      amount: '5000.00', currency: 'DKK', orderRef: '5002701', lineKind: 'line',
    });
    const used = rowsOf(parseUblDocuments([{ name: 'u.xml', bytes: read('used-invoice_real.xml') }]), 'u.xml');
    expect(used[0]).toMatchObject({ itemCode: '12121212', itemScheme: 'UNSPSC', accountNo: '1234567890', unitEan: '5798000416604' });
    expect(used[1]).toMatchObject({ lineKind: 'charge', description: 'Fragt', amount: '15.00', accountNo: '123456789' });
  });

  it('makes a credit note negative and a negative credit line positive', () => {
    const t = parseUblDocuments([{ name: 'cn.xml', bytes: read('negative-rounding_real.xml') }]);
    const rows = rowsOf(t, 'cn.xml');
    expect(rows.map((r) => r.amount)).toEqual(['-288.00', '-108.00', '-22.80', '320.00', '7.90']);
    expect(rows.map((r) => r.quantity)).toEqual(['-1.00', '-1.00', '-1.00', '-2.00', null]);
    expect(rows[4]).toMatchObject({ lineKind: 'allowance', description: 'Rabat', orderRef: null });
    // An invoice's own negative line (a trade-in car) keeps its sign.
    const inv = rowsOf(parseUblDocuments([{ name: 'x.xml', bytes: read('excise-registration-tax_real.xml') }]), 'x.xml');
    expect(inv.map((r) => r.amount)).toEqual(['102842.00', '-26721.00', '-0.40']);
  });

  it('checks OIOUBL totals without reading its TaxExclusiveAmount (the VAT there) as the net', () => {
    const xml = new TextDecoder().decode(read('negative-rounding_real.xml'));
    const bad = xml.replace('AllowanceTotalAmount currencyID="DKK">7.90<', 'AllowanceTotalAmount currencyID="DKK">8.90<');
    const t = parseUblDocuments([{ name: 'kreditnota.xml', bytes: new TextEncoder().encode(bad) }]);
    expect(t.warnings).toEqual(['kreditnota.xml: rabatter og gebyrer i alt -7,90 afviger fra dokumentets -8,90']);
  });
});

describe('a ZIP of invoices', () => {
  const files = Object.fromEntries(NAMES.map((n) => [`2025/${n}`, read(n)]));

  it('parses every good document and warns about the rest', () => {
    const zip = zipSync({
      ...files,
      'readme.txt': strToU8('not an invoice'),
      'broken.xml': strToU8('<?xml version="1.0"?><Invoice><cbc:ID>1</cbc:ID>'),
    });
    expect(isZip(zip)).toBe(true);
    const t = parseUblZip('export.zip', zip);
    expect(new Set(t.origin!.file)).toEqual(new Set(Object.keys(files)));
    expect(t.warnings).toHaveLength(2);
    expect(t.warnings.some((w) => w.includes('readme.txt'))).toBe(true);
    expect(t.warnings.some((w) => w.startsWith('broken.xml er ikke en OIOUBL/Peppol-faktura'))).toBe(true);
    const single = NAMES.reduce((n, name) => n + parseUblDocuments([{ name, bytes: read(name) }]).rowCount, 0);
    expect(t.rowCount).toBe(single);
    expect(col(t, 'amount').every((a) => a !== null)).toBe(true);
  });

  it('ignores folders and macOS resource forks silently', () => {
    const zip = zipSync({ 'a/': {}, '__MACOSX/a/._x.xml': strToU8('junk'), 'a/x.xml': read('happy-path_real.xml') });
    const t = parseUblZip('mac.zip', zip);
    expect(t.warnings).toEqual([]);
    expect(t.origin!.file).toEqual(['a/x.xml', 'a/x.xml']);
  });

  it('throws when nothing in it is an invoice', () => {
    const zip = zipSync({ 'a.txt': strToU8('x'), 'b.xml': strToU8('<Order/>') });
    expect(() => parseUblZip('tom.zip', zip)).toThrow('tom.zip indeholder ingen OIOUBL/Peppol-fakturaer eller kreditnotaer; 2 filer sprunget over');
    expect(() => parseUblZip('bad.zip', strToU8('PK\u0003\u0004garbage'))).toThrow(/^bad\.zip er ikke en gyldig ZIP-fil/);
  });
});
