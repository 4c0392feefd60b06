import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatReasonOf } from '../../../src/core/import/format-error.js';
import { readParquet } from '../../../src/core/import/parquet/index.js';
import { parseUblDocuments, parseUblZip } from '../../../src/core/import/ubl/index.js';
import type { ParseFailure } from '../../../src/core/import/worker-protocol.js';
import { readSheet } from '../../../src/core/import/xlsx/index.js';
import { describeError } from '../../../src/ui/import/describe-error.js';
import { rebuild } from '../../../src/ui/import/worker-parsers.js';
import { buildXlsx } from './xlsx/build-xlsx.js';

const FILE = 'indkøb.dat';

async function failure(read: () => unknown): Promise<Error> {
  try {
    await read();
  } catch (error) {
    return error as Error;
  }
  throw new Error('read without an error');
}

/** Each parser's refusals, made by the real parsers from real (broken) input. */
const CASES: [string, () => unknown][] = [
  ['xlsx_not_excel', () => readSheet(strToU8('a;b;c'))],
  // An Excel file cut off after its first part (a download that stopped).
  ['xlsx_truncated', () => readSheet(buildXlsx({ sheets: [{ name: 'Ark1', rows: '' }] }).slice(0, 300))],
  ['xlsx_old_or_protected', () => readSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))],
  ['xlsx_no_such_sheet', () => readSheet(buildXlsx({ sheets: [{ name: 'Ark1', rows: '' }] }), 'Ark9')],
  ['xlsx_no_sheet_number', () => readSheet(buildXlsx({ sheets: [{ name: 'Ark1', rows: '' }] }), 4)],
  ['xlsx_not_workbook', () => readSheet(zipSync({ 'a.txt': strToU8('hej') }))],
  ['parquet_not', () => readParquet(strToU8('a;b\n1;2'))],
  ['ubl_xml', () => parseUblDocuments([{ name: 'scan.xml', bytes: strToU8('%PDF-1.7 binary') }])],
  ['ubl_root', () => parseUblDocuments([{ name: 'x.xml', bytes: strToU8('<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>') }])],
  ['ubl_charset', () => parseUblDocuments([{ name: 'k.xml', bytes: strToU8('<?xml version="1.0" encoding="x-klingon"?><Invoice/>') }])],
  ['ubl_zip', () => parseUblZip('f.zip', strToU8('not a zip'))],
  ['ubl_none_skipped', () => parseUblZip('f.zip', zipSync({ 'a.txt': strToU8('hej'), 'b.xml': strToU8('<x/>') }))],
];

describe("a file the parser cannot read is named in the person's language", () => {
  it.each(CASES)('%s: Danish as the parser wrote it, English in English, also after the parse worker', async (code, read) => {
    const error = await failure(read);
    expect(formatReasonOf(error)?.code).toBe(code);
    const da = describeError('da', error, FILE).message;
    const en = describeError('en', error, FILE).message;
    // The Danish text is the parser's own message (what the command line prints), after the file's name.
    expect(da).toBe(`${FILE}: ${error.message}`);
    // A message that starts with the file's own name is not prefixed with it again.
    const self = error.message.split(' ')[0]!;
    expect(describeError('da', error, self).message).toBe(error.message.startsWith(`${self} `) ? error.message : `${self}: ${error.message}`);
    expect(en).toContain(FILE);
    expect(en).not.toBe(da);
    // No Danish in the English sentence (the file's name aside).
    expect(en.replace(FILE, '')).not.toMatch(/[æøåÆØÅ]| er | ikke | og |filen|arket/i);
    expect(en).not.toMatch(/\{\w+\}/);
    // Through the worker: only data crosses (name, message, reason), and the page says the same.
    const sent: ParseFailure = structuredClone({ name: error.name, message: error.message, stack: error.stack, reason: formatReasonOf(error) });
    const back = rebuild(sent);
    expect(describeError('en', back, FILE).message).toBe(en);
    expect(describeError('da', back, FILE).message).toBe(da);
  });
});
