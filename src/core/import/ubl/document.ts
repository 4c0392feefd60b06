import { negateDecimal, normalizeDecimal } from './decimal.js';
import { buyerGln, partyName, partyOf, supplierCvr } from './parties.js';
import { attr, child, children, firstText, text, textAt, type XmlElement } from './xml-tree.js';

/** One UBL Invoice or CreditNote as spend rows: one per line, one per header allowance/charge. */

export const UBL_COLUMNS = [
  'documentId',
  'documentType',
  'documentDate',
  'postingDate',
  'supplierCvr',
  'supplierName',
  'unit',
  'unitEan',
  'account',
  'accountNo',
  'description',
  'itemCode',
  'itemScheme',
  'quantity',
  'unitPrice',
  'amount',
  'currency',
  'orderRef',
  'lineKind',
] as const;

export type UblColumn = (typeof UBL_COLUMNS)[number];
export type UblRow = Record<UblColumn, string | null>;
export type UblKind = 'Invoice' | 'CreditNote';

export function isUblKind(rootName: string): rootName is UblKind {
  return rootName === 'Invoice' || rootName === 'CreditNote';
}

/** Amounts in the document's own sign (a credit note's are positive), for the reconciliation. */
export interface UblTotals {
  /** OIOUBL 2.x puts the total VAT in TaxExclusiveAmount, unlike UBL and Peppol. */
  oioubl: boolean;
  lineAmounts: string[];
  allowances: string[];
  charges: string[];
  lineExtensionAmount: string | null;
  taxExclusiveAmount: string | null;
  allowanceTotalAmount: string | null;
  chargeTotalAmount: string | null;
}

export interface UblDocument {
  rows: UblRow[];
  totals: UblTotals;
  warnings: string[];
}

type Header = Pick<
  UblRow,
  | 'documentId'
  | 'documentType'
  | 'documentDate'
  | 'postingDate'
  | 'supplierCvr'
  | 'supplierName'
  | 'unit'
  | 'unitEan'
  | 'account'
  | 'currency'
>;

/** Peppol 7143 codes TST and STI are UNSPSC and CPV; OIOUBL writes the scheme names. */
const CLASSIFICATION: Record<string, 'UNSPSC' | 'CPV'> = {
  UNSPSC: 'UNSPSC',
  TST: 'UNSPSC',
  CPV: 'CPV',
  STI: 'CPV',
};

function classify(item: XmlElement | undefined): { code: string; scheme: string } | null {
  const codes = children(item, 'CommodityClassification').flatMap((c) => children(c, 'ItemClassificationCode'));
  for (const wanted of ['UNSPSC', 'CPV']) {
    for (const el of codes) {
      const code = text(el);
      if (code !== null && CLASSIFICATION[attr(el, 'listID')?.toUpperCase() ?? ''] === wanted) {
        return { code, scheme: wanted };
      }
    }
  }
  const seller = textAt(item, 'SellersItemIdentification', 'ID');
  return seller === null ? null : { code: seller, scheme: 'seller' };
}

/** OIOUBL makes OrderReference mandatory, so senders without an order number write "n/a". */
function orderRef(value: string | null): string | null {
  return value === null || value.toLowerCase() === 'n/a' ? null : value;
}

class DocumentReader {
  readonly warnings: string[] = [];

  constructor(
    private readonly file: string,
    private readonly credit: boolean,
  ) {}

  warn(message: string): void {
    this.warnings.push(`${this.file}: ${message}`);
  }

  decimal(raw: string | null, what: string): string | null {
    if (raw === null) return null;
    const value = normalizeDecimal(raw);
    if (value === null) this.warn(`${what} '${raw}' er ikke et tal`);
    return value;
  }

  /** Spend sign: a credit note reduces spend, so its positive amounts become negative. */
  signed(value: string | null): string | null {
    return value !== null && this.credit ? negateDecimal(value) : value;
  }

  date(raw: string | null): string | null {
    if (raw === null) return null;
    const m = /^(\d{4}-\d{2}-\d{2})(?:$|[TZ+-])/.exec(raw);
    if (!m?.[1]) this.warn(`fakturadatoen '${raw}' er ikke en dato`);
    return m?.[1] ?? null;
  }
}

export function readUblDocument(file: string, kind: UblKind, root: XmlElement): UblDocument {
  const credit = kind === 'CreditNote';
  const r = new DocumentReader(file, credit);
  const supplier = partyOf(root, 'AccountingSupplierParty');
  const customer = partyOf(root, 'AccountingCustomerParty');
  const header: Header = {
    documentId: textAt(root, 'ID'),
    documentType: kind,
    documentDate: r.date(textAt(root, 'IssueDate')),
    postingDate: null,
    supplierCvr: supplierCvr(supplier),
    supplierName: partyName(supplier),
    unit: partyName(customer),
    unitEan: buyerGln(customer),
    account: null,
    currency: textAt(root, 'DocumentCurrencyCode'),
  };
  const docAccount = textAt(root, 'AccountingCost');
  const docOrder = orderRef(textAt(root, 'OrderReference', 'ID'));
  const monetary = child(root, 'LegalMonetaryTotal');
  const totals: UblTotals = {
    oioubl: textAt(root, 'CustomizationID')?.toUpperCase().startsWith('OIOUBL') ?? false,
    lineAmounts: [],
    allowances: [],
    charges: [],
    lineExtensionAmount: r.decimal(textAt(monetary, 'LineExtensionAmount'), 'linjetotalen'),
    taxExclusiveAmount: r.decimal(textAt(monetary, 'TaxExclusiveAmount'), 'totalen ekskl. moms'),
    allowanceTotalAmount: r.decimal(textAt(monetary, 'AllowanceTotalAmount'), 'rabattotalen'),
    chargeTotalAmount: r.decimal(textAt(monetary, 'ChargeTotalAmount'), 'gebyrtotalen'),
  };
  const rows: UblRow[] = [];

  const lines = children(root, credit ? 'CreditNoteLine' : 'InvoiceLine');
  const quantityTag = credit ? 'CreditedQuantity' : 'InvoicedQuantity';
  if (lines.length === 0) r.warn('dokumentet har ingen linjer');
  lines.forEach((line, i) => {
    const where = `linje ${i + 1}`;
    const amountEl = child(line, 'LineExtensionAmount');
    const amount = r.decimal(text(amountEl), `${where}: beløbet`);
    if (text(amountEl) === null) r.warn(`${where} har intet beløb`);
    if (amount !== null) totals.lineAmounts.push(amount);
    const item = child(line, 'Item');
    const code = classify(item);
    rows.push({
      ...header,
      currency: header.currency ?? attr(amountEl, 'currencyID'),
      accountNo: textAt(line, 'AccountingCost') ?? docAccount,
      description: firstText(item, 'Name') ?? firstText(item, 'Description') ?? firstText(line, 'Note'),
      itemCode: code?.code ?? null,
      itemScheme: code?.scheme ?? null,
      quantity: r.signed(r.decimal(textAt(line, quantityTag), `${where}: antal`)),
      unitPrice: r.decimal(textAt(line, 'Price', 'PriceAmount'), `${where}: stykpris`),
      amount: r.signed(amount),
      orderRef: orderRef(textAt(line, 'OrderLineReference', 'OrderReference', 'ID')) ?? docOrder,
      lineKind: 'line',
    });
  });

  // Line-level allowances and charges are already inside each LineExtensionAmount; only the
  // header ones would be lost without rows of their own.
  children(root, 'AllowanceCharge').forEach((ac, i) => {
    const indicator = textAt(ac, 'ChargeIndicator')?.toLowerCase() ?? null;
    if (indicator !== 'true' && indicator !== 'false' && indicator !== '1' && indicator !== '0') {
      r.warn(`rabat/gebyr ${i + 1} har ingen gyldig ChargeIndicator og er læst som rabat`);
    }
    const charge = indicator === 'true' || indicator === '1';
    const amountEl = child(ac, 'Amount');
    const what = `${charge ? 'gebyr' : 'rabat'} ${i + 1}`;
    const amount = r.decimal(text(amountEl), what);
    if (text(amountEl) === null) r.warn(`${what} har intet beløb`);
    if (amount !== null) (charge ? totals.charges : totals.allowances).push(amount);
    rows.push({
      ...header,
      currency: header.currency ?? attr(amountEl, 'currencyID'),
      accountNo: textAt(ac, 'AccountingCost') ?? docAccount,
      description: firstText(ac, 'AllowanceChargeReason') ?? (charge ? 'Gebyr' : 'Rabat'),
      itemCode: null,
      itemScheme: null,
      quantity: null,
      unitPrice: null,
      amount: r.signed(amount === null || charge ? amount : negateDecimal(amount)),
      orderRef: docOrder,
      lineKind: charge ? 'charge' : 'allowance',
    });
  });

  return { rows, totals, warnings: r.warnings };
}
