import ExcelJS from 'exceljs';

/** Reads a workbook with ExcelJS (an independent, real xlsx reader) into plain values per sheet. */
export interface ReadSheet {
  name: string;
  header: string[];
  rows: ExcelJS.Row[];
  frozenRows: number;
  widths: (number | undefined)[];
  headerBold: boolean;
  sheet: ExcelJS.Worksheet;
}

export async function readWorkbook(bytes: Uint8Array): Promise<ReadSheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book.worksheets.map((ws) => {
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push(row);
    });
    const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
    return {
      name: ws.name,
      header,
      rows,
      frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
      widths: ws.columns.map((c) => c.width),
      headerBold: ws.getRow(1).getCell(1).font?.bold === true,
      sheet: ws,
    };
  });
}

/** Every cell of a sheet, for checks that hold for all of them (no formulas). */
export function everyCell(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => out.push(cell)));
  return out;
}

/** The values of one column (1-based) below the header. */
export function columnValues(s: ReadSheet, header: string): ExcelJS.CellValue[] {
  const index = s.header.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${s.name}: ${s.header.join(', ')}`);
  return s.rows.map((r) => r.getCell(index + 1).value);
}
