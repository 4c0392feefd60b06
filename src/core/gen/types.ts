import type { Season } from './calendar.js';

/** UN/ECE Recommendation 20 unit codes, as OIOUBL's unitCode attribute wants them. */
export type UnitCode =
  | 'EA' | 'PK' | 'BX' | 'SET' | 'PR' | 'RO' | 'KGM' | 'LTR' | 'TNE'
  | 'HUR' | 'DAY' | 'MON' | 'LS' | 'KWH' | 'MTQ';

export type UnitType =
  | 'admin' | 'it' | 'job' | 'property' | 'roads' | 'school' | 'daycare' | 'homecare'
  | 'nursing' | 'kitchen' | 'health' | 'aids' | 'family' | 'disability' | 'library' | 'culture';

export interface Address {
  street: string;
  number: string;
  zip: string;
  city: string;
}

export interface OrgUnit {
  index: number;
  name: string;
  type: UnitType;
  size: number;
  /** Function in the municipal chart of accounts, e.g. "03.22.01" (folkeskoler). */
  fn: string;
  gln: string;
  costCentre: string;
  address: Address;
  /** How invoice texts name the unit ("Økonomi" for "Rådhuset – Økonomi"). */
  label: string;
}

/** How a supplier's invoices look; fixed per supplier because each sends from one system. */
export interface SupplierStyle {
  /** Share of this supplier's invoices whose CVR field carries a "DK" prefix. */
  dkPrefix: number;
  upperText: boolean;
  itemNoInText: boolean;
  truncate40: boolean;
  /**
   * Profiles other than Demo Kommune only. Share of lines sent without any text (a supplier whose
   * system never fills the line text has a share near 1); absent: the profile's default.
   */
  emptyText?: number;
  /** How the supplier's system decorates a line text ("Fakt. 44120 – ..."); absent: not at all. */
  decoration?: 'invoice-no' | 'order-no' | 'delivery-date';
  /** Cut texts at this length (an old system's field width); absent or 0: never. */
  truncateAt?: number;
}

export interface Supplier {
  index: number;
  cvr: string;
  name: string;
  variants: string[];
  /** Category ids this supplier sells into, with its weight within each. */
  categories: Map<string, number>;
  priceLevel: number;
  style: SupplierStyle;
  address: Address;
  /** Set for the named suppliers the planted findings are built on. */
  key?: string;
  /** Exempt from CVR and name mess (the well-bought categories must have one clear supplier). */
  clean?: boolean;
}

export interface CatalogItem {
  itemNo: string;
  name: string;
  unspsc: string;
  unitCode: UnitCode;
  priceMinor: number;
  weight: number;
  /** Key of a planted price-variance item: its price depends on the buying unit. */
  planted?: string;
}

export interface CategorySpec {
  id: string;
  /** Spend in mio. kr. a year (scaled so addressable categories sum to the annual spend). */
  spend: number;
  /** Relative share of invoice lines. */
  lines: number;
  perDoc: number;
  sigma: number;
  art: string;
  season: Season;
  units: string;
  suppliers: number;
  zipf: number;
  ecom?: number;
  vatFree?: boolean;
}

export type Currency = 'DKK' | 'EUR';

export interface InvoiceLine {
  /** 1-based data row in the invoice files (csv, csv-dot, csv-cp1252, xlsx). */
  row: number;
  lineNo: number;
  art: string;
  account: string;
  text: string;
  qtyHundredths: number;
  priceMinor: number;
  amountMinor: number;
  categoryId: string;
  unspsc: string;
  unitCode: UnitCode;
  itemNo: string;
  /** The text came from a generic vocabulary row ("Ydelse iflg. aftale") that names no category. */
  generic?: boolean;
}

export interface OrderLine {
  /** 1-based data row in the e-commerce file. */
  row: number;
  itemNo: string;
  itemName: string;
  unspsc: string;
  unitCode: UnitCode;
  qtyHundredths: number;
  priceMinor: number;
  amountMinor: number;
  categoryId: string;
  planted?: string;
}

export interface Document {
  docNo: string;
  credit: boolean;
  supplier: Supplier;
  /** CVR as written on this invoice ('' when missing). */
  cvrText: string;
  /** Supplier name as written on this invoice. */
  supplierName: string;
  unit: OrgUnit;
  categoryId: string;
  invoiceDay: number;
  postingDay: number;
  currency: Currency;
  orderNo: string;
  orderDay: number;
  /** Empty for an e-commerce order not yet invoiced in the period. */
  lines: InvoiceLine[];
  orderLines: OrderLine[];
}

export interface Contract {
  id: string;
  name: string;
  supplier: Supplier;
  categoryId: string;
  /** Every category the agreement covers, `categoryId` first. */
  categoryIds: string[];
  fromDay: number;
  toDay: number;
  framework: string;
}
