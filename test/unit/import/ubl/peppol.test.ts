import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ParsedTable } from '../../../../src/core/import/parsed-table.js';
import { isUblXml, isZip, parseUblDocuments } from '../../../../src/core/import/ubl/index.js';
import { peppolXml, type Fixture } from './peppol-fixture.js';

function parse(name: string, xml: string | Uint8Array): ParsedTable {
  return parseUblDocuments([{ name, bytes: typeof xml === 'string' ? strToU8(xml) : xml }]);
}

function rows(t: ParsedTable): Record<string, string | null>[] {
  return Array.from({ length: t.rowCount }, (_, r) =>
    Object.fromEntries(t.headers.map((h, c) => [h, t.columns[c]![r]!])),
  );
}

const INVOICE: Fixture = {
  lines: [
    { amount: '1000.00', quantity: '4', price: '250.00', code: { listID: 'TST', value: '44121600' } },
    { amount: '250.50', name: 'Printerpapir A4', code: { listID: 'STI', value: '30197630-1' } },
    { amount: '0.10', name: 'Småting' },
  ],
  allowanceCharges: [
    { charge: false, amount: '100.00', reason: 'Mængderabat' },
    { charge: true, amount: '25.00' },
  ],
  lineExtension: '1250.60',
  taxExclusive: '1175.60',
};

describe('Peppol BIS 3', () => {
  it('reads a default-namespace invoice with header allowance and charge', () => {
    const t = parse('peppol.xml', peppolXml(INVOICE));
    expect(t.warnings).toEqual([]);
    expect(t.origin).toEqual({ file: Array(5).fill('peppol.xml'), row: [1, 2, 3, 4, 5] });
    const [first, second, third, allowance, charge] = rows(t);
    expect(first).toEqual({
      documentId: 'PEP-1001', documentType: 'Invoice', documentDate: '2025-03-14', postingDate: null,
      supplierCvr: '12345678', supplierName: 'Kontorgrossisten A/S',
      unit: 'Eksempel Kommune, Skoleafdelingen', unitEan: '5798000123456', account: null,
      accountNo: '4711', description: 'Vare 1', itemCode: '44121600', itemScheme: 'UNSPSC',
      quantity: '4', unitPrice: '250.00', amount: '1000.00', currency: 'DKK', orderRef: 'PO-77',
      lineKind: 'line',
    });
    expect(second).toMatchObject({ description: 'Printerpapir A4', itemCode: '30197630-1', itemScheme: 'CPV', amount: '250.50' });
    expect(third).toMatchObject({ itemCode: 'SKU-3', itemScheme: 'seller', amount: '0.10' });
    expect(allowance).toMatchObject({ lineKind: 'allowance', description: 'Mængderabat', amount: '-100.00', quantity: null, itemCode: null });
    expect(charge).toMatchObject({ lineKind: 'charge', description: 'Gebyr', amount: '25.00', orderRef: 'PO-77' });
    expect(isUblXml(strToU8(peppolXml(INVOICE)))).toBe(true);
  });

  it('warns in Danish when the rows do not reconcile with the stated totals', () => {
    const t = parse('skæv.xml', peppolXml({ ...INVOICE, lineExtension: '1250.50', taxExclusive: '1185.60' }));
    expect(t.rowCount).toBe(5);
    expect(t.warnings).toEqual([
      'skæv.xml: linjesum 1.250,60 afviger fra dokumentets linjetotal 1.250,50',
      'skæv.xml: linjesum med rabatter og gebyrer 1.175,60 afviger fra dokumentets total ekskl. moms 1.185,60',
    ]);
  });

  it('handles a single line and a credit note with a header charge', () => {
    const t = parse('kn.xml', peppolXml({
      kind: 'CreditNote',
      lines: [{ amount: '1234.50', quantity: '3' }],
      allowanceCharges: [{ charge: true, amount: '10', reason: 'Fragt' }],
      lineExtension: '1234.50',
      taxExclusive: '1244.50',
    }));
    expect(t.warnings).toEqual([]);
    expect(rows(t).map((r) => [r.documentType, r.lineKind, r.quantity, r.amount])).toEqual([
      ['CreditNote', 'line', '-3', '-1234.50'],
      ['CreditNote', 'charge', null, '-10'],
    ]);
  });

  it('keeps the exact decimal text and reconciles without floating point', () => {
    const t = parse('p.xml', peppolXml({
      lines: [{ amount: '0.10' }, { amount: '0.20' }, { amount: '+0012.3000' }],
      lineExtension: '12.60',
      taxExclusive: '12.6',
    }));
    expect(t.warnings).toEqual([]);
    expect(rows(t).map((r) => r.amount)).toEqual(['0.10', '0.20', '12.3000']);
  });

  it('reads an invoice with an embedded base64 PDF like the one without', () => {
    const pdf = 'JVBERi0xLjcK'.repeat(100_000).replace(/(.{76})/g, '$1\n');
    const attachment =
      '<a:AdditionalDocumentReference><b:ID>Faktura.pdf</b:ID><a:Attachment>' +
      `<b:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="f.pdf">${pdf}</b:EmbeddedDocumentBinaryObject>` +
      '</a:Attachment></a:AdditionalDocumentReference>';
    const xml = peppolXml(INVOICE).replace('<a:OrderReference>', `${attachment}<a:OrderReference>`);
    expect(rows(parse('pdf.xml', xml))).toEqual(rows(parse('pdf.xml', peppolXml(INVOICE))));
    const broken = xml.replace('Kontorgrossisten A/S</b:Name>', 'Kontorgrossisten A/S</b:Nam>');
    // Line numbers in the message still count the base64 lines that were emptied before parsing.
    const line = xml.slice(0, xml.indexOf('Kontorgrossisten A/S</b:Name>')).split('\n').length;
    expect(line).toBeGreaterThan(5000);
    expect(() => parse('pdf.xml', broken)).toThrow(`ugyldig XML i linje ${line}:`);
  });

  it('decodes ISO-8859-1 by its declaration and undeclared Windows-1252 with a warning', () => {
    const xml = peppolXml({ ...INVOICE, encoding: 'ISO-8859-1', supplierName: 'Grøn Æble ApS' });
    const latin1 = Uint8Array.from(xml, (ch) => ch.charCodeAt(0));
    expect(rows(parse('l.xml', latin1))[0]!.supplierName).toBe('Grøn Æble ApS');
    const undeclared = Uint8Array.from(xml.replace(' encoding="ISO-8859-1"', ''), (ch) => ch.charCodeAt(0));
    const t = parse('u.xml', undeclared);
    expect(rows(t)[0]!.supplierName).toBe('Grøn Æble ApS');
    expect(t.warnings).toEqual(['u.xml: teksten er ikke gyldig UTF-8 og er læst som Windows-1252']);
  });
});

describe('files that are not invoices', () => {
  it('rejects another UBL document with a clear one-line message', () => {
    const order = '<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>';
    expect(isUblXml(strToU8(order))).toBe(false);
    expect(() => parse('x.xml', order)).toThrow(
      'x.xml er ikke en OIOUBL/Peppol-faktura eller kreditnota (rodelement: Order)',
    );
  });

  it('rejects text that is not XML, and truncated XML', () => {
    expect(isUblXml(strToU8('%PDF-1.7'))).toBe(false);
    expect(isZip(strToU8('%PDF-1.7'))).toBe(false);
    expect(() => parse('scan.xml', '%PDF-1.7 binary')).toThrow(/^scan\.xml er ikke en OIOUBL\/Peppol-faktura eller kreditnota \(ugyldig XML i linje 1: /);
    const truncated = peppolXml(INVOICE).slice(0, 2000);
    expect(isUblXml(strToU8(truncated))).toBe(true);
    expect(() => parse('halv.xml', truncated)).toThrow(/^halv\.xml er ikke .*ugyldig XML/);
  });
});

describe('an Invoice root from another vocabulary', () => {
  it('is not taken for UBL', () => {
    const xml = '<inv:Invoice xmlns:inv="urn:example:erp"><inv:Line>1</inv:Line></inv:Invoice>';
    expect(isUblXml(strToU8(xml))).toBe(false);
    expect(() => parse('erp.xml', xml)).toThrow(
      'erp.xml er ikke en OIOUBL/Peppol-faktura eller kreditnota (rodelement: Invoice i navnerummet urn:example:erp)',
    );
  });
});

describe('damaged values inside a valid document', () => {
  it('keeps the row, empties the cell and says what was wrong', () => {
    const xml = peppolXml({ ...INVOICE, lineExtension: '1250.60', taxExclusive: '1175.60' })
      .replace('>250.50</b:LineExtensionAmount>', '>250,50</b:LineExtensionAmount>')
      .replace('<b:IssueDate>2025-03-14</b:IssueDate>', '<b:IssueDate>14-03-2025</b:IssueDate>');
    const t = parse('d.xml', xml);
    expect(rows(t).map((r) => r.amount)).toEqual(['1000.00', null, '0.10', '-100.00', '25.00']);
    expect(rows(t)[0]!.documentDate).toBeNull();
    expect(t.warnings).toEqual([
      "d.xml: fakturadatoen '14-03-2025' er ikke en dato",
      "d.xml: linje 2: beløbet '250,50' er ikke et tal",
      'd.xml: linjesum 1.000,10 afviger fra dokumentets linjetotal 1.250,60',
      'd.xml: linjesum med rabatter og gebyrer 925,10 afviger fra dokumentets total ekskl. moms 1.175,60',
    ]);
  });
});
