import { RecordBatch, Schema, Struct, Table, makeData, type Field, type Utf8, type Vector } from 'apache-arrow';
import { PREVIEW_ROWS, utf8Vector } from '../parsed-to-arrow.js';
import { HEAD_ROWS, type SheetScanner } from './sheet-scanner.js';
import { findHeaderRow, headerName, sheetWarnings, uniqueHeaders } from './table.js';

/** Rows turned into Arrow at a time: the strings of no more than this many rows are held at once. */
export const BATCH_ROWS = 8_192;

interface Batch {
  rows: number;
  columns: Vector<Utf8>[];
}

/**
 * Packs a sheet into Arrow while it is scanned (readSheetPacked): once the header row is known
 * (it lies in the first HEAD_ROWS rows), every BATCH_ROWS finished rows become Arrow text columns
 * and their strings are let go. A 100,000-row sheet's strings, and the decoded XML they point
 * into, were ~150 MB at once; Excel's largest sheet's were over a gigabyte.
 */
export class SheetPacker {
  headerRow = -1;
  private header: (string | null)[] = [];
  private readonly batches: Batch[] = [];
  /** Columns with a value at or below the header row (the others are left out, as buildTable does). */
  private readonly filled: boolean[] = [];
  readonly preview: (string | null)[][] = [];
  private previewRows = 0;

  constructor(
    private readonly scanner: SheetScanner,
    private readonly batchRows = BATCH_ROWS,
  ) {}

  /** After each scanned piece: packs the finished rows once there are enough of them. */
  onPiece(): void {
    const { rowCount } = this.scanner.out;
    // A row's values are final once a later row has begun; rowCount - 1 may still be filling.
    const finished = rowCount - 1;
    if (finished > HEAD_ROWS && finished - this.scanner.base >= this.batchRows) this.pack(finished);
  }

  /** True once rows were packed: the caller finishes with `table()` instead of buildTable. */
  get started(): boolean {
    return this.headerRow >= 0;
  }

  private pack(upTo: number): void {
    const { scanner } = this;
    if (this.headerRow < 0) {
      this.headerRow = findHeaderRow(scanner.out);
      this.header = scanner.out.columns.map((column) => column[this.headerRow - scanner.base] ?? null);
      this.header.forEach((cell, c) => {
        if (cell !== null) this.filled[c] = true;
      });
    }
    const from = scanner.base;
    const taken = scanner.takeRows(upTo);
    // Rows at and above the header are not data.
    const skip = Math.max(0, this.headerRow + 1 - from);
    const rows = Math.max(0, upTo - from - skip);
    if (rows === 0) return;
    const columns = taken.map((values, c) => {
      const data = skip ? values.slice(skip) : values;
      if (!this.filled[c] && data.some((v) => v !== null)) this.filled[c] = true;
      return data;
    });
    if (this.previewRows < PREVIEW_ROWS) {
      const n = Math.min(PREVIEW_ROWS - this.previewRows, rows);
      columns.forEach((data, c) => {
        const kept = (this.preview[c] ??= new Array<string | null>(this.previewRows).fill(null));
        kept.push(...data.slice(0, n));
      });
      for (const kept of this.preview) while (kept.length < this.previewRows + n) kept.push(null);
      this.previewRows += n;
    }
    this.batches.push({ rows, columns: columns.map((data) => utf8Vector(data)) });
  }

  /**
   * The rest of the rows packed, and the whole as one Arrow table with the same columns, names and
   * rows buildTable would give (columns left out, names made unique).
   */
  finish(): { headers: string[]; table: Table; rowCount: number; preview: (string | null)[][]; warnings: string[] } {
    const raw = this.scanner.out;
    this.pack(raw.rowCount);
    const width = this.filled.reduce((w, f, c) => (f ? c + 1 : w), 0);
    const headers = uniqueHeaders(Array.from({ length: width }, (_, c) => headerName(this.header[c])));
    const nulls = new Map<number, Vector<Utf8>>();
    const empty = (n: number) => nulls.get(n) ?? nulls.set(n, utf8Vector(new Array<string | null>(n).fill(null))).get(n)!;
    const tables = this.batches.map(
      (b) => new Table(Object.fromEntries(headers.map((h, c) => [h, b.columns[c] ?? empty(b.rows)]))),
    );
    const schema = (tables[0]?.schema ?? new Table(Object.fromEntries(headers.map((h) => [h, empty(0)]))).schema) as Schema;
    const batches = tables.flatMap((t) => t.batches.map((b) => new RecordBatch(schema, makeData({ type: new Struct(schema.fields as Field[]), length: b.numRows, children: b.data.children }))));
    const rowCount = Math.max(0, raw.rowCount - this.headerRow - 1);
    const preview = Array.from({ length: width }, (_, c) => {
      const kept = this.preview[c] ?? [];
      return Array.from({ length: Math.min(PREVIEW_ROWS, rowCount) }, (_, r) => kept[r] ?? null);
    });
    return { headers, table: new Table(schema, batches), rowCount, preview, warnings: sheetWarnings(raw, this.headerRow) };
  }
}
