import { excelSerial } from './calendar.js';
import { INVOICE_HEADER } from './csv.js';
import { TextChunker } from './encoders.js';
import { xmlEscape } from './format.js';
import type { Document } from './types.js';
import { type ZipEntryStream, ZipWriter } from './zip.js';

/**
 * A minimal SpreadsheetML workbook with the invoice lines, written as a stream: the sheet XML
 * goes through fflate's deflate in chunks, with inline strings so no shared-string table has to
 * be held until the end. Numbers are numbers and dates are date serials with a date style.
 */

/** Excel's row limit (1,048,576) minus the header row. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK = `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="Fakturalinjer" sheetId="1" r:id="rId1"/></sheets></workbook>`;

const WORKBOOK_RELS = `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`;

/** Cell styles: 0 general, 1 date dd-mm-yyyy, 2 amount #,##0.00, 3 bold header. */
const STYLES = `${XML_DECL}<styleSheet xmlns="${NS_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const COLUMNS = 'ABCDEFGHIJKLMNO';
const WIDTHS = [10, 11, 11, 12, 34, 30, 15, 5, 14, 44, 8, 12, 14, 6, 12];

const utf8 = new TextEncoder();

function str(ref: string, value: string): string {
  if (value === '') return '';
  // XML turns CR LF into LF anyway; writing LF keeps the cell text what a reader will see.
  const text = xmlEscape(value.replaceAll('\r\n', '\n'));
  const space = text !== text.trim() || text.includes('\n') ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

const num = (ref: string, value: number, style = 0): string => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;

export class XlsxInvoiceWriter {
  private readonly zip: ZipWriter;
  private readonly sheet: ZipEntryStream;
  private readonly text: TextChunker;
  private row = 1;

  constructor(emit: (bytes: Uint8Array) => void, dataRows: number) {
    if (dataRows > XLSX_MAX_DATA_ROWS) {
      throw new Error(`xlsx holds at most ${XLSX_MAX_DATA_ROWS.toLocaleString('en')} data rows; asked for ${dataRows.toLocaleString('en')} (use csv for larger files)`);
    }
    this.zip = new ZipWriter(emit);
    this.zip.add('[Content_Types].xml', utf8.encode(CONTENT_TYPES));
    this.zip.add('_rels/.rels', utf8.encode(ROOT_RELS));
    this.zip.add('xl/workbook.xml', utf8.encode(WORKBOOK));
    this.zip.add('xl/_rels/workbook.xml.rels', utf8.encode(WORKBOOK_RELS));
    this.zip.add('xl/styles.xml', utf8.encode(STYLES));
    // Fastest deflate level: a third quicker than the default on a million rows, for 18 % more bytes.
    this.sheet = this.zip.open('xl/worksheets/sheet1.xml', 1);
    this.text = new TextChunker('utf8', (bytes) => this.sheet.push(bytes));
    const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const header = INVOICE_HEADER.map((h, i) => str(`${COLUMNS[i]}1`, h).replace('t="inlineStr"', 't="inlineStr" s="3"')).join('');
    this.text.write(
      `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="A1:O${dataRows + 1}"/>` +
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`,
    );
  }

  addDocument(doc: Document): void {
    for (const line of doc.lines) {
      const r = ++this.row;
      this.text.write(
        `<row r="${r}">` +
          num(`A${r}`, Number(doc.docNo)) +
          num(`B${r}`, excelSerial(doc.invoiceDay), 1) +
          num(`C${r}`, excelSerial(doc.postingDay), 1) +
          str(`D${r}`, doc.cvrText) +
          str(`E${r}`, doc.supplierName) +
          str(`F${r}`, doc.unit.name) +
          str(`G${r}`, doc.unit.gln) +
          str(`H${r}`, line.art) +
          str(`I${r}`, line.account) +
          str(`J${r}`, line.text) +
          num(`K${r}`, line.qtyHundredths / 100) +
          num(`L${r}`, line.priceMinor / 100, 2) +
          num(`M${r}`, line.amountMinor / 100, 2) +
          str(`N${r}`, doc.currency) +
          (doc.orderNo ? num(`O${r}`, Number(doc.orderNo)) : '') +
          '</row>',
      );
    }
  }

  finish(): void {
    this.text.write('</sheetData></worksheet>');
    this.text.flush();
    this.sheet.push(new Uint8Array(0), true);
    this.zip.end();
  }
}
