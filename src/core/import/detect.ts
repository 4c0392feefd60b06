import { normaliseHeader, type Mapping } from './roles.js';

/** What a dropped file is, judged from its name and first bytes (never from the name alone). */
export type FileFormat = 'csv' | 'xlsx' | 'parquet' | 'ubl-xml' | 'ubl-zip';
export type SourceRole = 'invoice' | 'ecommerce' | 'contracts';

export class UnsupportedFileError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'UnsupportedFileError';
  }
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function firstText(head: Uint8Array): string {
  return new TextDecoder('utf-8').decode(head.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
}

export function detectFormat(name: string, head: Uint8Array): FileFormat {
  const lower = name.toLowerCase();
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return lower.endsWith('.xlsx') || lower.endsWith('.xlsm') ? 'xlsx' : 'ubl-zip';
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new UnsupportedFileError(
      `${name} er en gammel Excel-fil (.xls). Gem den som .xlsx eller CSV og prøv igen.`,
      `${name} is an old Excel file (.xls). Save it as .xlsx or CSV and try again.`,
    );
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) {
    throw new UnsupportedFileError(`${name} er en PDF; Overblik læser CSV, Excel, Parquet og OIOUBL/Peppol-XML.`, `${name} is a PDF; Overblik reads CSV, Excel, Parquet and OIOUBL/Peppol XML.`);
  }
  if (firstText(head).startsWith('<')) return 'ubl-xml';
  // Text files have almost no NUL bytes; anything else binary is not something we can read.
  const sample = head.subarray(0, 4096);
  const nul = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nul > sample.length / 10) {
    throw new UnsupportedFileError(`${name} ligner ikke en tekst-, Excel-, Parquet- eller XML-fil.`, `${name} does not look like a text, Excel, Parquet or XML file.`);
  }
  return 'csv';
}

const CONTRACT_WORDS = ['aftalenr', 'aftaleid', 'aftalenavn', 'kontraktnr', 'kontrakt', 'gyldigfra', 'gyldigtil', 'validfrom', 'validto', 'rammeaftale', 'framework', 'contractid', 'aftale'];
const ECOMMERCE_WORDS = ['ordrenr', 'ordrenummer', 'ordredato', 'orderno', 'orderdate', 'ordernumber'];
const INVOICE_WORDS = ['bilagsnr', 'bilagsnummer', 'fakturanr', 'fakturanummer', 'invoiceno', 'invoicenumber', 'documentno', 'fakturadato', 'invoicedate'];

/** Invoices, e-commerce order lines or a contract register, from the columns. */
export function detectSourceRole(headers: readonly string[], mapping: Mapping): SourceRole {
  const names = headers.map(normaliseHeader);
  const has = (words: string[]) => names.some((n) => words.some((w) => n === w || n.startsWith(w)));
  if (has(CONTRACT_WORDS) && !mapping.amount) return 'contracts';
  if (has(ECOMMERCE_WORDS) && !has(INVOICE_WORDS) && (mapping.quantity || mapping.unitPrice || mapping.itemCode || mapping.itemNumber)) return 'ecommerce';
  return 'invoice';
}

/** Same columns in the same order → same signature, so next month's export maps itself. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normaliseHeader).join('|');
}

/**
 * A fingerprint of a file's content (size, first and last 64 KiB) to recognise the same file
 * dropped twice, whatever it is called. FNV-1a, 53 bits so it fits a JS number.
 */
export function fingerprint(size: number, head: Uint8Array, tail: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  const feed = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes[i]!)) * prime) & mask;
  };
  feed(head);
  feed(tail);
  return `${size.toString(36)}-${(h & ((1n << 53n) - 1n)).toString(36)}`;
}
