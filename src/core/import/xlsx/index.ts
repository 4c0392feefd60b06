/**
 * Excel .xlsx reader for the browser worker and Node: fflate inflates the parts and a
 * hand-written tag scanner reads them. read-excel-file (SAX based, no DOM) was measured too:
 * correct, but two to three times slower on large sheets and it hands back JS numbers and
 * Dates instead of the exact `<v>` text; see sheet-scanner.ts for the numbers.
 */
import { ImportProblem, type PlanNote } from '../import-problem.js';
import type { ParsedTable } from '../parsed-table.js';
import { tableToIPC } from 'apache-arrow';
import { packParsedTable } from '../parsed-to-arrow.js';
import { SheetPacker } from './packed.js';
import { SheetScanner } from './sheet-scanner.js';
import { buildTable } from './table.js';
import { readDateStyles, readSharedStrings, readWorkbook, type SheetRef, type WorkbookInfo } from './workbook.js';
import { checkZipBounds, findEntry, inflateEntry, inflateEntryAsync, readEntryHead, readEntryText, readZipDirectory, XlsxFormatError, type ZipEntry } from '../zip.js';
import { doctypeLine } from '../xml-safety.js';

export { XlsxFormatError } from '../zip.js';

export interface SheetInfo {
  name: string;
  index: number;
  /** Rows in the sheet (header and any title rows included), as the file's dimension states. */
  rows?: number;
  hidden?: boolean;
}

export function isXlsx(bytes: Uint8Array): boolean {
  const entries = readZipDirectory(bytes);
  return entries !== null && findEntry(entries, 'xl/workbook.xml') !== undefined;
}

/** Worksheet parts: read in pieces, never as one string (readSheet, listSheets' head). */
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

function open(bytes: Uint8Array): { entries: Map<string, ZipEntry>; workbook: WorkbookInfo } {
  const entries = readZipDirectory(bytes);
  if (entries === null) {
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    if (ole) throw new XlsxFormatError('Filen er en gammel Excel-fil (.xls) eller beskyttet med adgangskode. Gem den som .xlsx uden adgangskode.', { code: 'xlsx_old_or_protected' });
    // A ZIP's first entry but no directory at its end: the file was cut off (a download or copy that stopped).
    const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    throw zip
      ? new XlsxFormatError('Excel-filen er ufuldstændig: slutningen af filen mangler (måske blev den ikke hentet eller kopieret helt). Hent eller gem den igen.', { code: 'xlsx_truncated' })
      : new XlsxFormatError('Filen er ikke en Excel-fil (.xlsx).', { code: 'xlsx_not_excel' });
  }
  // The file's name is not known here; the planner puts it in (plan.ts).
  checkZipBounds('', entries, undefined, (name) => WORKSHEET.test(name));
  return { entries, workbook: guard(() => readWorkbook(bytes, entries)) };
}

/** Inflate and decoding errors come out as plain Errors; give them a message a user can act on. */
function guard<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XlsxFormatError || error instanceof ImportProblem) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new XlsxFormatError(`Excel-filen er beskadiget og kan ikke læses (${detail}).`, { code: 'xlsx_damaged', params: { detail } });
  }
}

function dimensionRows(head: string): number | undefined {
  const at = head.indexOf('dimension');
  if (at < 0) return undefined;
  const match = /ref\s*=\s*["'][A-Za-z]*(\d+):[A-Za-z]*(\d+)["']/.exec(head.slice(at, at + 200));
  if (!match) return undefined;
  return Number(match[2]) - Number(match[1]) + 1;
}

export function listSheets(bytes: Uint8Array): SheetInfo[] {
  const { entries, workbook } = open(bytes);
  return workbook.sheets.map((sheet) => {
    const entry = findEntry(entries, sheet.path);
    // Only the start of each sheet is inflated: the dimension comes before the cells.
    const rows = entry ? dimensionRows(guard(() => readEntryHead(bytes, entry, 'sheetData'))) : undefined;
    const info: SheetInfo = sheet.hidden ? { name: sheet.name, index: sheet.index, hidden: true } : { name: sheet.name, index: sheet.index };
    return rows === undefined ? info : { ...info, rows };
  });
}

function pickSheet(sheets: SheetRef[], sheet: number | string | undefined): SheetRef {
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  if (sheets.length === 0) throw new XlsxFormatError('Excel-filen har ingen regneark.', { code: 'xlsx_no_sheets' });
  // By default the first sheet a person sees: a hidden first sheet is usually a lookup table.
  if (sheet === undefined) return sheets.find((s) => !s.hidden) ?? (sheets[0] as SheetRef);
  const found =
    typeof sheet === 'number'
      ? sheets[sheet]
      : (sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase()));
  if (!found) {
    throw typeof sheet === 'number'
      ? new XlsxFormatError(`Arket nr. ${sheet + 1} findes ikke (filen har ${names}).`, { code: 'xlsx_no_sheet_number', params: { n: sheet + 1, names } })
      : new XlsxFormatError(`Arket "${sheet}" findes ikke (filen har ${names}).`, { code: 'xlsx_no_such_sheet', params: { sheet, names } });
  }
  return found;
}

function partText(bytes: Uint8Array, entries: Map<string, ZipEntry>, path: string | undefined): string | null {
  const entry = path === undefined ? undefined : findEntry(entries, path);
  return entry ? guard(() => readEntryText(bytes, entry)) : null;
}

interface SheetRead {
  workbook: WorkbookInfo;
  ref: SheetRef;
  entry: ZipEntry;
  scanner: SheetScanner;
  decoder: TextDecoder;
}

function startSheet(bytes: Uint8Array, sheet: number | string | undefined, pieceChars?: number): SheetRead {
  const { entries, workbook } = open(bytes);
  const ref = pickSheet(workbook.sheets, sheet);
  const entry = ref.path === undefined ? undefined : findEntry(entries, ref.path);
  if (!entry) throw new XlsxFormatError(`Excel-filen er beskadiget (arket "${ref.name}" mangler).`, { code: 'xlsx_sheet_missing', params: { sheet: ref.name } });
  const sst = partText(bytes, entries, workbook.sharedStringsPath);
  const styles = partText(bytes, entries, workbook.stylesPath);
  const scanner = new SheetScanner({
    sharedStrings: sst === null ? [] : guard(() => readSharedStrings(sst)),
    dateKinds: styles === null ? [] : readDateStyles(styles),
    date1904: workbook.date1904,
  }, pieceChars);
  return { workbook, ref, entry, scanner, decoder: new TextDecoder() };
}

/** The sheet's bytes as they are inflated: decoded (a character split between pieces waits) and scanned. */
function take(read: SheetRead): (chunk: Uint8Array) => void {
  return (chunk) => read.scanner.push(read.decoder.decode(chunk, { stream: true }));
}

/** The scan finished and checked (DOCTYPE), and the notes about the sheet (merged cells, hidden sheets). */
function endSheet(read: SheetRead): PlanNote[] {
  const { scanner, workbook, ref, entry } = read;
  scanner.push(read.decoder.decode());
  scanner.finish();
  // A DOCTYPE stands in the prolog, before sheetData (xml-safety.ts).
  const line = doctypeLine(scanner.head ?? '');
  if (line !== null) throw new ImportProblem('xml_doctype', '', { line, entry: entry.name });
  const notes: PlanNote[] = [];
  const merged = countMerged(scanner.tail);
  if (merged > 0) notes.push({ code: 'merged_cells', params: { n: merged } });
  const hidden = workbook.sheets.filter((s) => s.hidden && s !== ref).map((s) => s.name);
  if (hidden.length) notes.push({ code: 'hidden_sheets', params: { names: hidden.join(', ') } });
  return notes;
}

function finishSheet(read: SheetRead): ParsedTable {
  const notes = endSheet(read);
  const table = buildTable(read.scanner.out);
  return notes.length ? { ...table, notes } : table;
}

/** A sheet as a table, in this thread (tests, the command line's own checks). */
export function readSheet(bytes: Uint8Array, sheet?: number | string): ParsedTable {
  const read = startSheet(bytes, sheet);
  guard(() => inflateEntry(bytes, read.entry, take(read)));
  return finishSheet(read);
}

/** The same with the platform's inflater where there is one (the import: the parse worker, Node). */
export async function readSheetAsync(bytes: Uint8Array, sheet?: number | string): Promise<ParsedTable> {
  const read = startSheet(bytes, sheet);
  try {
    await inflateEntryAsync(bytes, read.entry, take(read));
  } catch (error) {
    guard(() => {
      throw error;
    });
  }
  return finishSheet(read);
}

/**
 * The sheet as the parse worker sends it (packParsedTable's form: Arrow bytes and preview rows),
 * packed in batches while it is read, so only one batch of rows is ever held as strings (packed.ts).
 * The same table as packParsedTable(readSheet(…)); a sheet whose rows come out of order (never
 * written by Excel) is read whole instead.
 */
export async function readSheetPacked(
  bytes: Uint8Array, sheet?: number | string, sizes: { batchRows?: number; pieceChars?: number } = {},
): Promise<ParsedTable> {
  const read = startSheet(bytes, sheet, sizes.pieceChars);
  const packer = new SheetPacker(read.scanner, sizes.batchRows);
  read.scanner.onPiece = () => packer.onPiece();
  try {
    await inflateEntryAsync(bytes, read.entry, take(read));
  } catch (error) {
    guard(() => {
      throw error;
    });
  }
  const notes = endSheet(read);
  if (read.scanner.outOfOrder) return packParsedTable(await readSheetAsync(bytes, sheet));
  if (!packer.started) {
    const table = buildTable(read.scanner.out);
    return packParsedTable(notes.length ? { ...table, notes } : table);
  }
  const packed = packer.finish();
  const arrow = tableToIPC(packed.table, 'stream');
  const base = { headers: packed.headers, columns: packed.preview, rowCount: packed.rowCount, warnings: packed.warnings, arrow };
  return notes.length ? { ...base, notes } : base;
}

/** Merged ranges (`<mergeCell ref=…>` after the cells): only their top-left cell holds the value. */
function countMerged(tail: string): number {
  let n = 0;
  for (let at = tail.indexOf('mergeCell '); at >= 0; at = tail.indexOf('mergeCell ', at + 10)) n++;
  return n;
}
