/**
 * The hot path, hand-written because sheet parsing dominates an Excel import: one pass over
 * the worksheet XML with indexOf and charCodeAt, no regular expressions over the document and
 * no DOM (a Web Worker has none). Measured cold in Node, whole readSheet: Örebro's 68,021 rows
 * ~0.35–0.5 s against read-excel-file 9.3's ~0.8–1.25 s; 100,000 generated rows ~0.7–1.3 s
 * against ~2.4–4.5 s. It also keeps the raw `<v>` text, so most numbers skip any float work.
 */
import { canonicalNumberText, excelSerialToText } from './canonical.js';
import { NOT_DATE, TIME_ONLY, type DateKind } from './workbook.js';
import { stringItemText, unescapeXml } from './xml-scan.js';

/** Rows examined when looking for the header row. */
export const HEAD_ROWS = 30;

export interface ScanContext {
  sharedStrings: string[];
  dateKinds: DateKind[];
  date1904: boolean;
}

export interface RawSheet {
  /** columns[c][r] by 0-based sheet row; arrays are ragged and padded by the caller. */
  columns: (string | null)[][];
  /** One past the last sheet row with a value: trailing empty rows are gone. */
  rowCount: number;
  /** For the first HEAD_ROWS rows: non-empty cells and how many of them are text. */
  nonEmpty: number[];
  text: number[];
  errors: number;
  errorKinds: Set<string>;
  formulasWithoutValue: number;
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_INLINE = 2;
const T_FORMULA_STR = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

function typeCode(xml: string, start: number, end: number): number {
  const first = xml.charCodeAt(start);
  const len = end - start;
  if (first === 115 /* s */) return len === 1 ? T_SHARED : T_FORMULA_STR;
  if (first === 105 /* i */) return T_INLINE;
  if (first === 98 /* b */) return T_BOOL;
  if (first === 101 /* e */) return T_ERROR;
  if (first === 100 /* d */) return T_DATE;
  return T_NUMBER;
}

function intAt(xml: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) n = n * 10 + d;
  }
  return n;
}

/** 'AB12' → 27 (0-based column), reading letters only. */
function columnAt(xml: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = xml.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

/** Length of the element name starting at i (up to space, '/' or '>'). */
function nameLength(xml: string, i: number): number {
  let j = i;
  for (let c = xml.charCodeAt(j); c > 32 && c !== 62 && c !== 47; c = xml.charCodeAt(++j));
  return j - i;
}

function isoDate(text: string): string {
  const date = text.slice(0, 10);
  const time = text.slice(11, 19);
  return time.length === 8 && time !== '00:00:00' ? `${date} ${time}` : date;
}

/** Text gathered before a piece of the sheet is scanned: big enough that finding a row's end is cheap. */
const PIECE_CHARS = 1 << 21;

/**
 * Scans a worksheet's XML handed over in pieces (as it is inflated and decoded), so the sheet
 * never has to exist as one string: a sheet of Excel's 1,048,576 rows is several hundred million
 * characters, past what a JavaScript string may hold, and a 100,000-row sheet's one string plus its
 * bytes cost ~200 MB at once. Each piece is scanned up to the last complete row; the rest waits
 * for the next piece. `tail` is what followed the cells (merged ranges are listed there).
 */
export class SheetScanner {
  readonly out: RawSheet = { columns: [], rowCount: 0, nonEmpty: [], text: [], errors: 0, errorKinds: new Set(), formulasWithoutValue: 0 };
  private pending: string[] = [];
  private pendingChars = 0;
  /** The text before sheetData (checked by the caller for a DOCTYPE) once it was found. */
  head: string | null = null;
  tail = '';
  private prefix = 0;
  private rowEnd = '</row>';
  private row = -1;
  private col = -1;
  private done = false;
  private readonly cell: Cell = { style: 0, type: T_NUMBER, raw: null, inline: null, formula: false };
  /**
   * The sheet row that `out.columns[c][0]` holds: rows above it were taken (takeRows). Always 0
   * for a reader that keeps the whole sheet.
   */
  base = 0;
  /** A row came after rows already taken (rows out of order, which Excel never writes). */
  outOfOrder = false;
  /** Called after each piece is scanned: the moment to take finished rows. */
  onPiece: (() => void) | null = null;

  constructor(
    private readonly ctx: ScanContext,
    private readonly pieceChars = PIECE_CHARS,
  ) {}

  push(text: string): void {
    if (this.done || !text) return;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.pieceChars) this.scanPending(false);
  }

  finish(): RawSheet {
    this.scanPending(true);
    return this.out;
  }

  private scanPending(final: boolean): void {
    let xml = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    let from = 0;
    if (this.head === null) {
      const at = xml.indexOf('sheetData');
      if (at < 0) {
        // Still in the sheet's head (or a sheet without cells).
        if (final) this.head = xml;
        else this.keep(xml);
        return;
      }
      this.head = xml.slice(0, at);
      // Writers that prefix elements (`<x:row>`) do so for all of them, so measure it once here.
      this.prefix = xml.charCodeAt(at - 1) === 58 ? at - xml.lastIndexOf('<', at) - 1 : 0;
      this.rowEnd = `</${xml.slice(at - this.prefix, at)}row>`;
      from = at;
    }
    if (!final) {
      // Up to the last complete row; the rest comes back with the next piece.
      const last = xml.lastIndexOf(this.rowEnd);
      if (last < from) {
        this.keep(from ? xml.slice(from) : xml);
        return;
      }
      const cut = last + this.rowEnd.length;
      this.keep(xml.slice(cut));
      xml = xml.slice(0, cut);
    }
    const stop = this.scan(xml, from);
    if (!final) this.onPiece?.();
    if (stop >= 0) {
      this.done = true;
      this.tail = xml.slice(stop);
      this.pending = [];
      this.pendingChars = 0;
    }
  }

  /**
   * Hands over the rows from `base` up to (not including) sheet row `upTo` as columns, padded to
   * the same length, and forgets them: a reader that packs rows in batches holds only one batch of strings.
   */
  takeRows(upTo: number): (string | null)[][] {
    const n = Math.max(0, upTo - this.base);
    const taken = this.out.columns.map((column, c) => {
      const rows = column.length > n ? column.slice(0, n) : column;
      while (rows.length < n) rows.push(null);
      this.out.columns[c] = column.length > n ? column.slice(n) : [];
      return rows;
    });
    this.base += n;
    return taken;
  }

  /** Holds text for the next piece. */
  private keep(text: string): void {
    if (!text) return;
    this.pending.push(text);
    this.pendingChars += text.length;
  }

  /** Scans complete rows from `from`; returns where `</sheetData>` starts, or -1 when the piece ended first. */
  private scan(xml: string, from: number): number {
    const { out, ctx, cell, prefix, base } = this;
    const { columns, nonEmpty, text } = out;
    let p = from;
    let { row, col } = this;
    let stop = -1;
    for (;;) {
      const lt = xml.indexOf('<', p);
      if (lt < 0) break;
      const closing = xml.charCodeAt(lt + 1) === 47;
      const name = (closing ? lt + 2 : lt + 1) + prefix;
      const len = nameLength(xml, name);
      const gt = xml.indexOf('>', name + len);
      if (gt < 0) break;
      p = gt + 1;
      const first = xml.charCodeAt(name);
      if (closing) {
        if (len === 9 && xml.startsWith('sheetData', name)) {
          stop = lt;
          break;
        }
        continue;
      }
      if (len === 3 && first === 114 && xml.startsWith('row', name)) {
        const r = attrRange(xml, name + 3, gt, 114);
        row = r < 0 ? row + 1 : intAt(xml, r, xml.indexOf(xml.charAt(r - 1), r)) - 1;
        col = -1;
        if (row >= 0 && row < HEAD_ROWS) {
          nonEmpty[row] = 0;
          text[row] = 0;
        }
        continue;
      }
      if (len !== 1 || first !== 99 /* c */) continue;
      const ref = readCellAttributes(xml, name + 1, gt, cell);
      col = ref >= 0 ? ref : col + 1;
      if (xml.charCodeAt(gt - 1) === 47 || row < 0) continue;
      p = readCellContent(xml, p, prefix, cell);
      const value = cellValue(cell, ctx, out);
      if (value === null || value === '') continue;

      if (row < HEAD_ROWS) {
        nonEmpty[row] = (nonEmpty[row] ?? 0) + 1;
        if (cell.type === T_SHARED || cell.type === T_INLINE || cell.type === T_FORMULA_STR) text[row] = (text[row] ?? 0) + 1;
      }
      const at = row - base;
      if (at < 0) {
        this.outOfOrder = true;
        continue;
      }
      while (columns.length <= col) columns.push([]);
      const column = columns[col] as (string | null)[];
      if (column.length <= at) {
        while (column.length < at) column.push(null);
        column.push(value);
      } else column[at] = value;
      if (row >= out.rowCount) out.rowCount = row + 1;
    }
    this.row = row;
    this.col = col;
    return stop;
  }
}

export function scanSheet(xml: string, ctx: ScanContext): RawSheet {
  const scanner = new SheetScanner(ctx);
  scanner.push(xml);
  return scanner.finish();
}

interface Cell {
  style: number;
  type: number;
  raw: string | null;
  inline: string | null;
  formula: boolean;
}

/** Reads r, s and t into `cell`; returns the column of r, or -1 when the cell has no r. */
function readCellAttributes(xml: string, from: number, to: number, cell: Cell): number {
  cell.style = 0;
  cell.type = T_NUMBER;
  let col = -1;
  for (let j = from; j < to; ) {
    const eq = xml.indexOf('=', j);
    if (eq < 0 || eq >= to) break;
    const vs = eq + 2;
    const ve = xml.indexOf(xml.charAt(eq + 1), vs);
    if (ve < 0) break;
    // One-letter names only: cm, vm and ph carry nothing we need.
    if (xml.charCodeAt(eq - 2) <= 32) {
      const a = xml.charCodeAt(eq - 1);
      if (a === 114) col = columnAt(xml, vs, ve);
      else if (a === 115) cell.style = intAt(xml, vs, ve);
      else if (a === 116) cell.type = typeCode(xml, vs, ve);
    }
    j = ve + 1;
  }
  return col;
}

/** Reads `<v>`, `<f>` and `<is>` up to the cell's end tag; returns the index after it. */
function readCellContent(xml: string, from: number, prefix: number, cell: Cell): number {
  cell.raw = null;
  cell.inline = null;
  cell.formula = false;
  let p = from;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0) return xml.length;
    const closing = xml.charCodeAt(lt + 1) === 47;
    const name = (closing ? lt + 2 : lt + 1) + prefix;
    const len = nameLength(xml, name);
    const gt = xml.indexOf('>', name + len);
    if (gt < 0) return xml.length;
    p = gt + 1;
    const first = xml.charCodeAt(name);
    if (closing) {
      if (len === 1 && first === 99) return p;
      continue;
    }
    if (len === 1 && first === 102 /* f */) cell.formula = true;
    if (xml.charCodeAt(gt - 1) === 47) continue;
    if (len === 1 && first === 118 /* v */) {
      const end = xml.indexOf('<', p);
      cell.raw = xml.slice(p, end);
      p = end;
    } else if (len === 1 && first === 102) {
      p = xml.indexOf('<', p);
    } else if (len === 2 && xml.startsWith('is', name)) {
      let end = xml.indexOf('is>', p);
      // '>' may stand unescaped in text, so make sure this is the closing tag.
      while (end > 0 && xml.charCodeAt(end - 1 - prefix) !== 47) end = xml.indexOf('is>', end + 3);
      if (end < 0) return xml.length;
      cell.inline = stringItemText(xml, p, end);
      p = end - 1 - prefix;
    }
  }
}

function cellValue(cell: Cell, ctx: ScanContext, out: RawSheet): string | null {
  const { type, raw } = cell;
  if (type === T_INLINE) return cell.inline;
  if (raw === null || raw === '') {
    if (cell.formula) out.formulasWithoutValue++;
    return null;
  }
  if (type === T_SHARED) return ctx.sharedStrings[Number(raw)] ?? null;
  if (type === T_NUMBER) {
    const kind = ctx.dateKinds[cell.style] ?? NOT_DATE;
    if (kind === NOT_DATE) return canonicalNumberText(raw);
    return excelSerialToText(Number(raw), ctx.date1904, kind === TIME_ONLY) ?? canonicalNumberText(raw);
  }
  if (type === T_FORMULA_STR) return unescapeXml(raw);
  if (type === T_BOOL) return raw === '1' || raw === 'true' ? 'true' : 'false';
  if (type === T_DATE) return isoDate(raw);
  out.errors++;
  out.errorKinds.add(raw);
  return null;
}

/** Start of the value of the one-letter attribute `name` (a char code) in a tag, or -1. */
function attrRange(xml: string, from: number, to: number, name: number): number {
  for (let j = from; j < to; ) {
    const eq = xml.indexOf('=', j);
    if (eq < 0 || eq >= to) return -1;
    const vs = eq + 2;
    if (xml.charCodeAt(eq - 1) === name && xml.charCodeAt(eq - 2) <= 32) return vs;
    j = xml.indexOf(xml.charAt(eq + 1), vs) + 1;
    if (j === 0) return -1;
  }
  return -1;
}
