import { TextChunker } from '../gen/encoders.js';
import { ZipWriter } from '../gen/zip.js';
import { columnName, escapeXml, formulaLike, isoDateSerial, STYLE, stylesXml, type CellFormat } from './xlsx-parts.js';

/**
 * The one .xlsx writer for exports people open in Excel: the whole analysis, every table's
 * "Eksportér", the command line's --xlsx. Written on fflate (already in the app for reading
 * Excel) as a stream, so a sheet of a million lines never sits in one string.
 *
 * What the reader gets: numbers as numbers with a format (kroner, whole numbers, percent), dates
 * as date serials with a dd-mm-yyyy style, a bold frozen header row, sized columns. No cell is
 * ever a formula: text is always an inline string, and text that starts with = + - @ gets
 * Excel's quote prefix as well, so it stays text even when a person edits the cell.
 */

export type { CellFormat } from './xlsx-parts.js';

/** A cell: a value, or a value with its own format (key-value sheets mix formats in one column). */
export type CellValue = string | number | boolean | Date | null | undefined;
export type Cell = CellValue | { value: CellValue; format: CellFormat };

export interface Column {
  header: string;
  /** Default 'text'; a 'date' column takes Date values or ISO 'YYYY-MM-DD' text. */
  format?: CellFormat;
  /** Width in characters; default: sized to the header and the first rows. */
  width?: number;
}

export interface Sheet {
  name: string;
  columns: Column[];
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>;
}

/** Excel's row limit (1,048,576) minus the header row. */
export const XLSX_MAX_ROWS = 1_048_575;

const SIZE_SAMPLE = 2000;

function cellFormat(cell: Cell, column: Column | undefined): { value: CellValue; format: CellFormat } {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return cell;
  return { value: cell, format: column?.format ?? 'text' };
}

/** One cell's XML; '' for an empty cell. */
export function cellXml(ref: string, cell: Cell, column?: Column): string {
  const { value, format } = cellFormat(cell, column);
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date || (format === 'date' && typeof value === 'string')) {
    const serial = isoDateSerial(value instanceof Date ? value.toISOString().slice(0, 10) : value);
    if (serial !== null) return `<c r="${ref}" s="${STYLE.date}"><v>${serial}</v></c>`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const style = format === 'text' || format === 'date' ? STYLE.general : STYLE[format];
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
  }
  const text = String(value).replaceAll('\r\n', '\n');
  const style = formulaLike(text) ? ` s="${STYLE.quoted}"` : '';
  return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function displayLength(cell: Cell, column: Column): number {
  const { value, format } = cellFormat(cell, column);
  if (value === null || value === undefined) return 0;
  if (value instanceof Date || format === 'date') return 10;
  if (typeof value === 'number') return format === 'amount' ? String(Math.round(value)).length * 1.35 + 3 : String(value).length + 1;
  return Math.max(...String(value).split('\n').map((l) => l.length));
}

function widths(columns: readonly Column[], sample: readonly Cell[][]): number[] {
  return columns.map((c, i) => {
    if (c.width) return c.width;
    const longest = sample.reduce((max, row) => Math.max(max, displayLength(row[i], c)), c.header.length);
    return Math.min(60, Math.max(8, Math.ceil(longest) + 2));
  });
}

async function* rowsOf(rows: Sheet['rows']): AsyncGenerator<Cell[]> {
  for await (const row of rows as AsyncIterable<Cell[]>) yield row;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique (case-insensitively). */
export function safeSheetName(name: string, used: Set<string>): string {
  const clean = name.replace(/[:\\/?*[\]]/g, ' ').trim() || 'Ark';
  let base = clean.slice(0, 31).trim();
  for (let i = 2; used.has(base.toLowerCase()); i++) base = `${clean.slice(0, 27).trim()} ${i}`;
  used.add(base.toLowerCase());
  return base;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const utf8 = new TextEncoder();

export interface WorkbookResult {
  bytes: Uint8Array;
  /** Data rows written per sheet (a sheet stops at Excel's row limit). */
  rows: number[];
  /** Sheets whose rows did not all fit. */
  truncated: string[];
}

/** Writes the sheets; rows may come from an async source (database pages). */
export async function writeWorkbook(sheets: readonly Sheet[]): Promise<WorkbookResult> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((bytes) => chunks.push(bytes));
  const used = new Set<string>();
  const names = sheets.map((s) => safeSheetName(s.name, used));
  const part = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;
  zip.add(
    '[Content_Types].xml',
    utf8.encode(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map((_, i) => `<Override PartName="/${part(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('')}</Types>`,
    ),
  );
  zip.add('_rels/.rels', utf8.encode(`${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`));
  zip.add(
    'xl/workbook.xml',
    utf8.encode(`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
  );
  zip.add(
    'xl/_rels/workbook.xml.rels',
    utf8.encode(
      `${XML}<Relationships xmlns="${PKG}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  );
  zip.add('xl/styles.xml', utf8.encode(stylesXml()));
  const counts: number[] = [];
  const truncated: string[] = [];
  for (const [i, sheet] of sheets.entries()) {
    const stream = zip.open(part(i), 6);
    const text = new TextChunker('utf8', (bytes) => stream.push(bytes));
    const iterator = rowsOf(sheet.rows);
    // The first rows size the columns; they are written after the <cols> element.
    const sample: Cell[][] = [];
    let next = await iterator.next();
    while (!next.done && sample.length < SIZE_SAMPLE) {
      sample.push(next.value);
      next = await iterator.next();
    }
    const cols = widths(sheet.columns, sample).map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('');
    const header = sheet.columns
      .map((c, j) => `<c r="${columnName(j)}1" t="inlineStr" s="${STYLE.header}"><is><t xml:space="preserve">${escapeXml(c.header)}</t></is></c>`)
      .join('');
    text.write(
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"${i === 0 ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`,
    );
    let r = 1;
    const write = (row: Cell[]) => {
      r++;
      text.write(`<row r="${r}">${row.map((cell, j) => cellXml(`${columnName(j)}${r}`, cell, sheet.columns[j])).join('')}</row>`);
    };
    for (const row of sample) write(row);
    for (; !next.done; next = await iterator.next()) {
      if (r > XLSX_MAX_ROWS) {
        truncated.push(names[i]!);
        await iterator.return(undefined);
        break;
      }
      write(next.value);
    }
    text.write('</sheetData></worksheet>');
    text.flush();
    stream.push(new Uint8Array(0), true);
    counts.push(r - 1);
  }
  zip.end();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { bytes, rows: counts, truncated };
}
