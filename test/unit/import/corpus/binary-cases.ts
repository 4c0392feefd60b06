import { strToU8, unzipSync, zipSync } from 'fflate';
import { peppolXml } from '../ubl/peppol-fixture.js';
import { buildXlsx, row } from '../xlsx/build-xlsx.js';
import type { CorpusCase } from './corpus-case.js';

/** Excel, XML and ZIP inputs: odd workbooks, and the hostile ones (entities, bombs, traversal). */
const str = (ref: string, text: string): [string, string, string] => [ref, 't="inlineStr"', `<is><t>${text}</t></is>`];
const num = (ref: string, value: string, formula?: string): [string, string, string] => [ref, '', `${formula ? `<f>${formula}</f>` : ''}<v>${value}</v>`];
const err = (ref: string, value: string): [string, string, string] => [ref, 't="e"', `<f>VLOOKUP(A1,B:C,2,0)</f><v>${value}</v>`];
const header = row(1, [str('A', 'Leverandør'), str('B', 'Beløb'), str('C', 'Tekst')]);
const dated = row(1, [str('A', 'Leverandør'), str('B', 'Beløb'), str('C', 'Tekst'), str('D', 'Fakturadato')]);
const date = (ref: string): [string, string, string] => str(ref, '05-01-2025');

const INVOICE = peppolXml({ lines: [{ amount: '100.00' }, { amount: '50.50' }], lineExtension: '150.50', taxExclusive: '150.50' });

function withPart(book: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(book);
  files[part] = strToU8(edit(new TextDecoder().decode(files[part])));
  return zipSync(files);
}

/** An OLE compound file (the container of .xls and of password-protected .xlsx) with a directory entry name. */
function oleFile(entry: string): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  Array.from(entry).forEach((c, i) => (bytes[1024 + i * 2] = c.charCodeAt(0)));
  return bytes;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&lol9;</ID></Invoice>`;

const XXE = INVOICE.replace('<Invoice ', '<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Invoice ').replace('PEP-1001', '&xxe;');

export const TRAVERSAL_ENTRY = '../../../../tmp/overblik-traversal/evil.xml';

export const BINARY_CASES: CorpusCase[] = [
  {
    name: 'XLSX with merged cells: the note, and the rows a merge leaves empty are rejected',
    file: 'flettet.xlsx',
    bytes: () =>
      buildXlsx({
        sheets: [
          {
            name: 'Ark1',
            rows: dated + row(2, [str('A', 'Lyreco'), num('B', '100'), str('C', 'a'), date('D')]) + row(3, [num('B', '50'), str('C', 'b'), date('D')]),
            after: '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>',
          },
        ],
      }),
    expect: { read: 2, loaded: 1, rejects: [[2, 'supplier_missing']], amountOre: 10000n, notes: ['merged_cells'] },
  },
  {
    name: 'XLSX whose first sheet is hidden: the first visible sheet is read',
    file: 'skjult.xlsx',
    bytes: () =>
      buildXlsx({
        sheets: [
          { name: 'Opslag', state: 'hidden', rows: row(1, [str('A', 'Kode'), str('B', 'Navn')]) + row(2, [num('A', '1'), str('B', 'x')]) },
          { name: 'Data', rows: header + row(2, [str('A', 'Lyreco'), num('B', '12.5'), str('C', 'a')]) },
        ],
      }),
    expect: { read: 1, loaded: 1, amountOre: 1250n, notes: ['hidden_sheets'] },
  },
  {
    name: 'XLSX with formulas (cached values) and #N/A',
    file: 'formler.xlsx',
    bytes: () =>
      buildXlsx({
        sheets: [{ name: 'Ark1', rows: header + row(2, [str('A', 'A'), num('B', '20', 'B3*2'), str('C', 'a')]) + row(3, [str('A', 'B'), num('B', '10'), str('C', 'b')]) + row(4, [str('A', 'C'), err('B', '#N/A'), str('C', 'c')]) }],
      }),
    expect: { read: 3, loaded: 2, rejects: [[3, 'amount_missing']], amountOre: 3000n },
  },
  { name: 'password-protected XLSX', file: 'hemmelig.xlsx', bytes: () => oleFile('EncryptedPackage'), expect: { refused: 'encrypted_office' } },
  { name: 'old Excel .xls', file: 'gammel.xls', bytes: () => oleFile('Workbook'), expect: { refused: 'old_excel' } },
  {
    name: 'XLSX with a DOCTYPE in a part',
    file: 'entitet.xlsx',
    bytes: () => withPart(buildXlsx({ sheets: [{ name: 'Ark1', rows: header }], sharedStrings: ['<si><t>x</t></si>'] }), 'xl/sharedStrings.xml', (xml) => xml.replace('?>', '?><!DOCTYPE sst [<!ENTITY a "b">]>')),
    expect: { refused: 'xml_doctype' },
  },
  {
    name: 'XLSX bomb: a sheet that inflates to 1,000 times its size',
    file: 'bombe.xlsx',
    bytes: () => withPart(buildXlsx({ sheets: [{ name: 'Ark1', rows: header }] }), 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<sheetData>', `<sheetData>${' '.repeat(30_000_000)}`)),
    expect: { refused: 'zip_ratio' },
  },
  { name: 'billion laughs', file: 'latter.xml', bytes: () => strToU8(BILLION_LAUGHS), expect: { refused: 'xml_doctype' } },
  { name: 'external entity (XXE)', file: 'xxe.xml', bytes: () => strToU8(XXE), expect: { refused: 'xml_doctype' } },
  {
    name: 'ZIP bomb of invoices',
    file: 'bombe.zip',
    bytes: () => zipSync({ 'faktura.xml': strToU8(INVOICE + ' '.repeat(30_000_000)) }, { level: 9 }),
    expect: { refused: 'zip_ratio' },
  },
  {
    name: 'ZIP with more entries than a real export',
    file: 'mange.zip',
    bytes: () => zipSync(Object.fromEntries(Array.from({ length: 50_001 }, (_, i) => [`f${i}.txt`, new Uint8Array(0)])), { level: 0 }),
    expect: { refused: 'zip_entries' },
  },
  {
    name: 'ZIP path traversal: the entry name is text, nothing is written anywhere',
    file: 'sti.zip',
    bytes: () => zipSync({ [TRAVERSAL_ENTRY]: strToU8(INVOICE), '/etc/absolut.xml': strToU8(INVOICE.replace('PEP-1001', 'PEP-1002')) }),
    expect: { read: 4, loaded: 4, amountOre: 30100n, files: [TRAVERSAL_ENTRY, '/etc/absolut.xml'] },
  },
  {
    name: 'OIOUBL without the supplier party: its lines are rejected with the reason',
    file: 'uden-leverandoer.xml',
    bytes: () => strToU8(INVOICE.replace(/<a:AccountingSupplierParty>[\s\S]*?<\/a:AccountingSupplierParty>/, '')),
    expect: { read: 2, loaded: 0, rejects: [[1, 'supplier_missing'], [2, 'supplier_missing']], amountOre: 0n },
  },
  {
    name: 'OIOUBL line without its amount',
    file: 'uden-beloeb.xml',
    bytes: () => strToU8(INVOICE.replace('<b:LineExtensionAmount currencyID="DKK">50.50</b:LineExtensionAmount>', '')),
    expect: { read: 2, loaded: 1, rejects: [[2, 'amount_missing']], amountOre: 10000n },
  },
  {
    name: 'OIOUBL without any lines',
    file: 'uden-linjer.xml',
    bytes: () => strToU8(INVOICE.replace(/<a:InvoiceLine>[\s\S]*<\/a:InvoiceLine>/, '')),
    expect: { refused: 'no_rows' },
  },
];
