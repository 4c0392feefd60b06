import { formatDanishDate } from './calendar.js';
import { csvField, csvFieldComma, formatMinorDanish, formatQtyDanish } from './format.js';
import type { Contract, Document, InvoiceLine, OrderLine, UnitCode } from './types.js';

/**
 * Row text for the Danish CSV files: ';' between fields, decimal comma with '.' thousands in
 * amounts, dd-mm-yyyy (or dd.mm.yyyy) dates, CRLF, quotes only where a field needs them.
 */

export const INVOICE_HEADER = [
  'Bilagsnr', 'Fakturadato', 'Bogføringsdato', 'CVR-nr', 'Leverandør', 'Omkostningssted', 'EAN', 'Art', 'Konto',
  'Tekst', 'Antal', 'Enhedspris', 'Beløb', 'Valuta', 'Ordrenr',
] as const;

export const ECOMMERCE_HEADER = [
  'Ordrenr', 'Ordredato', 'Afdeling', 'EAN', 'CVR-nr', 'Leverandør', 'Varenr', 'UNSPSC', 'Varenavn', 'Antal',
  'Enhed', 'Enhedspris', 'Linjebeløb', 'Valuta',
] as const;

export const CONTRACT_HEADER = ['Aftale-id', 'Aftalenavn', 'CVR-nr', 'Leverandør', 'Kategori', 'Gyldig fra', 'Gyldig til', 'Rammeaftale'] as const;

export const TRUTH_HEADER = 'file,row,category_id\n';

const CRLF = '\r\n';

export const headerRow = (header: readonly string[]): string => header.join(';') + CRLF;

/** The part of an invoice row that is the same for every line of the document. */
export function invoicePrefix(doc: Document, dateSeparator: '-' | '.'): string {
  return [
    doc.docNo,
    formatDanishDate(doc.invoiceDay, dateSeparator),
    formatDanishDate(doc.postingDay, dateSeparator),
    csvField(doc.cvrText),
    csvField(doc.supplierName),
    csvField(doc.unit.name),
    doc.unit.gln,
  ].join(';');
}

export function invoiceRow(prefix: string, doc: Document, line: InvoiceLine): string {
  return `${prefix};${line.art};${line.account};${csvField(line.text)};${formatQtyDanish(line.qtyHundredths)};${formatMinorDanish(line.priceMinor)};${formatMinorDanish(line.amountMinor)};${doc.currency};${doc.orderNo}${CRLF}`;
}

const UNIT_LABEL: Readonly<Record<UnitCode, string>> = {
  EA: 'stk', PK: 'pk', BX: 'ks', SET: 'sæt', PR: 'par', RO: 'rl', KGM: 'kg', LTR: 'ltr', TNE: 't',
  HUR: 'time', DAY: 'dag', MON: 'md', LS: 'stk', KWH: 'kWh', MTQ: 'm3',
};

export function orderRow(doc: Document, line: OrderLine): string {
  return [
    doc.orderNo,
    formatDanishDate(doc.orderDay, '-'),
    csvField(doc.unit.name),
    doc.unit.gln,
    doc.supplier.cvr,
    csvField(doc.supplier.name),
    csvField(line.itemNo),
    line.unspsc,
    csvField(line.itemName),
    formatQtyDanish(line.qtyHundredths),
    UNIT_LABEL[line.unitCode],
    formatMinorDanish(line.priceMinor),
    formatMinorDanish(line.amountMinor),
    'DKK',
  ].join(';') + CRLF;
}

export function contractRow(c: Contract): string {
  return [
    c.id,
    csvField(c.name),
    c.supplier.cvr,
    csvField(c.supplier.name),
    c.categoryId,
    formatDanishDate(c.fromDay, '-'),
    formatDanishDate(c.toDay, '-'),
    csvField(c.framework),
  ].join(';') + CRLF;
}

export function truthRow(file: string, row: number, categoryId: string): string {
  return `${csvFieldComma(file)},${row},${categoryId}\n`;
}
