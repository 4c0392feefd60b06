import { gzipSync } from 'fflate';
import type { CorpusCase } from './corpus-case.js';

/**
 * Bad and odd text files as real exports and hand-made files come, each with what must happen.
 * Expected amounts are sums of the values written here, in øre, never read back from the importer.
 */
const enc = (s: string) => new TextEncoder().encode(s);
const H = 'Leverandør;Fakturadato;Beløb;Tekst';
const ROWS = ['Ærø Kontor A/S;05-01-2025;1.234,50;Kuglepenne', 'Søren Å. Jensen ApS;06-01-2025;99,95;Toner', 'Kaffe & Co I/S;07-01-2025;-10,00;Kreditnota'];
const ROWS_ORE = 123450 + 9995 - 1000;
const lines = (rows: string[], nl = '\n', header = H) => enc([header, ...rows].join(nl) + nl);

/** n generated data rows; `at` (1-based data row) gets `special` instead. */
function many(n: number, special?: { at: number; row: string }, ascii = false): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    if (special && i === special.at) out.push(special.row);
    else out.push(`${ascii ? 'Leverandor' : 'Leverandør'} ${i % 97};05-01-2025;${i},00;Linje ${i}`);
  }
  return out;
}
const manyOre = (n: number, skip?: number) => {
  let sum = 0n;
  for (let i = 1; i <= n; i++) if (i !== skip) sum += BigInt(i) * 100n;
  return sum;
};

function withByte(text: string, marker: string, byte: number): Uint8Array {
  const bytes = enc(text);
  const at = bytes.indexOf(marker.charCodeAt(0));
  bytes[at] = byte;
  return bytes;
}

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let p = 0;
  const put = (code: number) => {
    out[p++] = le ? code & 255 : code >> 8;
    out[p++] = le ? code >> 8 : code & 255;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

export const TEXT_CASES: CorpusCase[] = [
  { name: '0-byte file', file: 'tom.csv', bytes: () => new Uint8Array(0), expect: { refused: 'empty_file' } },
  { name: 'only blank lines and spaces', file: 'blank.csv', bytes: () => enc('\r\n  \n\t\n'), expect: { refused: 'empty_file' } },
  { name: 'header only', file: 'kun-overskrift.csv', bytes: () => enc(`${H}\r\n`), expect: { refused: 'header_only' } },
  {
    name: 'binary (PNG) renamed .csv',
    file: 'billede.csv',
    bytes: () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0)]),
    expect: { refused: 'not_text' },
  },
  { name: 'gzip renamed .csv', file: 'udtraek.csv', bytes: () => gzipSync(lines(ROWS)), expect: { refused: 'compressed' } },
  { name: 'PDF', file: 'faktura.pdf', bytes: () => enc('%PDF-1.4 not an export'), expect: { refused: 'pdf' } },
  {
    name: 'truncated UTF-8 (the last character cut in half)',
    file: 'afkortet.csv',
    bytes: () => enc(`${H}\n${ROWS[0]}\n${ROWS[1]}\nKaffe & Co I/S;07-01-2025;-10,00;Kaffe til Ø`).slice(0, -1),
    expect: { read: 3, loaded: 2, rejects: [[3, 'encoding_invalid']], amountOre: BigInt(123450 + 9995) },
  },
  {
    name: 'one stray Windows-1252 byte at line 50,000 of an ASCII file: the file is Windows-1252',
    file: 'ascii-med-apostrof.csv',
    bytes: () => withByte(['Leverandor;Fakturadato;Belob;Tekst', ...many(60_000, { at: 50_000, row: 'Hansen#s Maskiner;05-01-2025;50000,00;Linje 50000' }, true)].join('\n') + '\n', '#', 0x92),
    expect: { read: 60_000, loaded: 60_000, amountOre: manyOre(60_000), encoding: 'windows-1252', rowText: { row: 50_000, supplier_name: 'Hansen’s Maskiner' } },
  },
  {
    name: 'one undecodable byte at line 50,000 of a UTF-8 file: that line is rejected, every other loaded',
    file: 'utf8-med-fejl.csv',
    bytes: () => withByte([H, ...many(60_000, { at: 50_000, row: 'Hansen#s Maskiner;05-01-2025;50000,00;Linje 50000' })].join('\n') + '\n', '#', 0x92),
    expect: { read: 60_000, loaded: 59_999, rejects: [[50_000, 'encoding_invalid']], amountOre: manyOre(60_000, 50_000), encoding: 'utf-8', notes: ['bad_bytes'] },
  },
  {
    name: 'Windows-1252 with æøå, € and curly quotes',
    file: 'cp1252.csv',
    bytes: () => Uint8Array.from(`${H}\r\nÆrø Kontor A/S;05-01-2025;1.234,50;Pris i €\r\n`, (c) => (c === '€' ? 0x80 : c.charCodeAt(0))),
    expect: { read: 1, loaded: 1, amountOre: 123450n, encoding: 'windows-1252', texts: { supplier_name: ['Ærø Kontor A/S'], description: ['Pris i €'] } },
  },
  { name: 'UTF-16LE with BOM (Excel "Unicode text")', file: 'unicode.txt', bytes: () => utf16(`${H}\r\n${ROWS.join('\r\n')}\r\n`, true, true), expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), encoding: 'utf-16le' } },
  { name: 'UTF-16BE with BOM', file: 'be.csv', bytes: () => utf16(`${H}\n${ROWS.join('\n')}\n`, false, true), expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), encoding: 'utf-16be' } },
  { name: 'UTF-16LE without BOM', file: 'nobom16.csv', bytes: () => utf16(`${H}\n${ROWS.join('\n')}\n`, true, false), expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), encoding: 'utf-16le' } },
  {
    name: 'UTF-8 with BOM: the first header is not polluted',
    file: 'bom.csv',
    bytes: () => enc(`\uFEFF${H}\r\n${ROWS.join('\r\n')}\r\n`),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), texts: { supplier_name: ['Ærø Kontor A/S', 'Søren Å. Jensen ApS', 'Kaffe & Co I/S'] } },
  },
  { name: 'CR-only line endings (CSV Macintosh)', file: 'mac.csv', bytes: () => lines(ROWS, '\r'), expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE) } },
  { name: 'CRLF line endings', file: 'windows.csv', bytes: () => lines(ROWS, '\r\n'), expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE) } },
  {
    name: 'mixed CR, LF and CRLF',
    file: 'blandet.csv',
    bytes: () => enc(`${H}\r\n${ROWS[0]}\n${ROWS[1]}\r${ROWS[2]}\r\n`),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), notes: ['mixed_newlines'] },
  },
  {
    name: 'CRLF records with bare LF as record ends in between',
    file: 'crlf-lf.csv',
    bytes: () => enc(`${H}\r\n${ROWS[0]}\n${ROWS[1]}\r\n${ROWS[2]}\n`),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE) },
  },
  {
    name: 'Excel: CRLF records, LF inside a quoted cell',
    file: 'excel.csv',
    bytes: () => enc(`${H}\r\n${ROWS[0]}\r\nSøren Å. Jensen ApS;06-01-2025;99,95;"Toner\nsort"\r\n${ROWS[2]}\r\n`),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), texts: { description: ['Kuglepenne', 'Toner\nsort', 'Kreditnota'] } },
  },
  {
    name: 'ragged rows: one short, one long',
    file: 'ujaevn.csv',
    bytes: () => lines([ROWS[0]!, 'Kort ApS;05-01-2025', ROWS[1]!, 'Lang A/S;05-01-2025;5,00;tekst;ekstra', ROWS[2]!]),
    expect: { read: 5, loaded: 3, rejects: [[2, 'too_few_fields'], [4, 'too_many_fields']], amountOre: BigInt(ROWS_ORE) },
  },
  {
    name: 'a trailing delimiter on every data line',
    file: 'slut-semikolon.csv',
    bytes: () => lines(ROWS.map((r) => `${r};`)),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE) },
  },
  {
    name: 'rows that always leave out trailing empty fields',
    file: 'udeladte-felter.csv',
    bytes: () => enc(`Leverandør;Beløb;Tekst;Note\r\nA;1,00\r\nB;2,00\r\nC;3,00;x\r\nD;4,00\r\n`),
    expect: { read: 4, loaded: 4, amountOre: BigInt(1000), notes: ['ragged_padded'] },
  },
  {
    name: 'an unbalanced quote at line 3 of 8: that row rejected, the rows after it keep their numbers',
    file: 'anfoerselstegn.csv',
    bytes: () => lines(['A;05-01-2025;1,00;"ok"', 'B;05-01-2025;2,00;ok', 'C;05-01-2025;3,00;"aldrig lukket', 'D;05-01-2025;4,00;ok', 'E;05-01-2025;5,00;"med ; i"', 'F;05-01-2025;6,00;ok', 'G;05-01-2025;7,00;ok', 'H;05-01-2025;8,00;ok']),
    expect: { read: 8, loaded: 7, rejects: [[3, 'quote_invalid']], amountOre: BigInt(3300), rows: [1, 2, 4, 5, 6, 7, 8] },
  },
  {
    name: 'the first quoted field only after 64 KiB (with the delimiter and a line break in it)',
    file: 'sent-citat.csv',
    bytes: () => lines([...many(3_000), 'Sen A/S;05-01-2025;1,00;"tekst; med semikolon\nog linjeskift"']),
    expect: { read: 3_001, loaded: 3_001, amountOre: manyOre(3_000) + 100n },
  },
  {
    name: 'stray quotes inside unquoted fields (the issue\'s HTML supplier name) are text',
    file: 'html.csv',
    bytes: () => enc(`Leverandør;Beløb;Tekst\n<img src=x onerror="alert(1)">;10,00;x\nB "den gamle";5,00;y\n`),
    expect: { read: 2, loaded: 2, amountOre: BigInt(1500), texts: { supplier_name: ['<img src=x onerror="alert(1)">', 'B "den gamle"'] } },
  },
  {
    name: 'text after a closing quote ("ab"cd) in a quoting file',
    file: 'efter-citat.csv',
    bytes: () => lines(['"A";05-01-2025;1,00;"ok"', '"B"x;05-01-2025;2,00;"ok"', '"C";05-01-2025;3,00;"ok"']),
    expect: { read: 3, loaded: 2, rejects: [[2, 'quote_invalid']], amountOre: BigInt(400) },
  },
  {
    name: 'backslash-escaped quotes',
    file: 'backslash.csv',
    bytes: () => lines(['"A";05-01-2025;1,00;"Papir \\"A4\\""', '"B";05-01-2025;2,00;"ok"']),
    expect: { read: 2, loaded: 2, amountOre: BigInt(300), texts: { description: ['Papir "A4"', 'ok'] } },
  },
  {
    name: 'a 1 MB field',
    file: 'stort-felt.csv',
    bytes: () => lines([ROWS[0]!, `Stor A/S;05-01-2025;1,00;${'x'.repeat(1_048_576)}`]),
    expect: { read: 2, loaded: 2, amountOre: BigInt(123450 + 100), lengths: { description: [10, 1_048_576] } },
  },
  {
    name: 'a 3 MB line (over the reader\'s 2 MB line limit)',
    file: 'for-lang.csv',
    bytes: () => lines([ROWS[0]!, `Stor A/S;05-01-2025;1,00;${'x'.repeat(3_000_000)}`, ROWS[1]!]),
    expect: { read: 3, loaded: 2, rejects: [[2, 'line_too_long']], amountOre: BigInt(123450 + 9995) },
  },
  {
    name: '10,000 columns',
    file: 'bred.csv',
    bytes: () => {
      const extra = Array.from({ length: 9_997 }, (_, i) => `K${i}`);
      const header = ['Leverandør', 'Beløb', 'Tekst', ...extra].join(';');
      const row = (s: string, a: string) => [s, a, 't', ...extra.map(() => '')].join(';');
      return enc(`${header}\n${row('A', '1,00')}\n${row('B', '2,00')}\n`);
    },
    expect: { read: 2, loaded: 2, amountOre: BigInt(300), headers: 10_000 },
  },
  {
    name: 'duplicate and empty headers',
    file: 'dubletter.csv',
    bytes: () => enc(`Leverandør;Beløb;Beløb;;\nA;1,00;9,00;x;y\nB;2,00;9,00;x;y\n`),
    expect: { read: 2, loaded: 2, amountOre: BigInt(300), headerNames: ['Leverandør', 'Beløb', 'Beløb_2', 'Kolonne 4', 'Kolonne 5'] },
  },
  {
    name: 'odd amounts: 1.234,5  -  (500)  1e6  kr. 100  100-  abc',
    file: 'beloeb.csv',
    bytes: () => lines(['A;05-01-2025;1.234,5;a', 'B;05-01-2025;-;b', 'C;05-01-2025;(500);c', 'D;05-01-2025;1e6;d', 'E;05-01-2025;kr. 100;e', 'F;05-01-2025;100-;f', 'G;05-01-2025;abc;g']),
    expect: { read: 7, loaded: 5, rejects: [[2, 'amount_missing'], [7, 'amount_invalid']], amountOre: BigInt(123450 - 50000 + 100_000_000 + 10000 - 10000) },
  },
  {
    name: 'odd dates: 31-02-2024, year 0024, far future, and a leap day',
    file: 'datoer.csv',
    bytes: () => lines(['A;31-02-2024;1,00;a', 'B;05-01-0024;2,00;b', 'C;01-01-9999;3,00;c', 'D;29-02-2024;4,00;d']),
    expect: { read: 4, loaded: 1, rejects: [[1, 'date_invalid'], [2, 'date_out_of_range'], [3, 'date_out_of_range']], amountOre: BigInt(400) },
  },
  {
    name: 'totals and subtotal rows in the middle',
    file: 'subtotaler.csv',
    bytes: () => lines([ROWS[0]!, ROWS[1]!, ';;1.334,45;Subtotal Rådhuset', ROWS[2]!, ';;-10,00;Delsum', ';;1.324,45;I alt']),
    expect: { read: 6, loaded: 3, rejects: [[3, 'total_row'], [5, 'total_row'], [6, 'total_row']], amountOre: BigInt(ROWS_ORE) },
  },
  {
    name: 'blank lines in the middle: row numbers follow the file',
    file: 'tomme-linjer.csv',
    bytes: () => enc(`${H}\n${ROWS[0]}\n\n\n${ROWS[1]}\n\n${ROWS[2]}\n\n`),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), rows: [1, 4, 6] },
  },
  {
    name: 'title lines above the header',
    file: 'titel.csv',
    bytes: () => enc(`Kreditorposter Demo Kommune\r\nUdtrukket 01-04-2025\r\n\r\n${H}\r\n${ROWS.join('\r\n')}\r\n`),
    expect: { read: 3, loaded: 3, amountOre: BigInt(ROWS_ORE), notes: ['header_below'] },
  },
  {
    name: 'a CPR number in a refused line is masked in the reject list',
    file: 'cpr.csv',
    bytes: () => lines([ROWS[0]!, 'Borger;05-01-2025;5,00;ophold 010203-1234;ekstra']),
    expect: { read: 2, loaded: 1, rejects: [[2, 'too_many_fields']], amountOre: BigInt(123450), rawContains: ['XXXXXX-XXXX'], rawLacks: ['010203-1234'] },
  },
  {
    name: 'formula-like text is loaded as text',
    file: 'formler.csv',
    bytes: () => enc(`Leverandør;Beløb;Tekst\n"=HYPERLINK(""http://x"";""y"")";10,00;@SUM(A1)\n+45 Tlf ApS;5,00;-rabat\n`),
    expect: { read: 2, loaded: 2, amountOre: BigInt(1500), texts: { supplier_name: ['=HYPERLINK("http://x";"y")', '+45 Tlf ApS'] } },
  },
];
