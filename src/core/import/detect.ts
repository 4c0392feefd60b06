import { utf16FromBom, utf16FromNuls } from './csv/text-scan.js';
import { ImportProblem } from './import-problem.js';
import { normaliseHeader, type Mapping } from './roles.js';

/** What a dropped file is, judged from its name and first bytes (never from the name alone). */
export type FileFormat = 'csv' | 'xlsx' | 'parquet' | 'ubl-xml' | 'ubl-zip';
export type SourceRole = 'invoice' | 'ecommerce' | 'contracts';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function firstText(head: Uint8Array): string {
  const label = utf16FromBom(head) ?? utf16FromNuls(head) ?? 'utf-8';
  return new TextDecoder(label).decode(head.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
}

/** An encrypted Office file is an OLE container with an "EncryptedPackage" stream (named in UTF-16). */
function isEncryptedOffice(head: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const pattern = Array.from(name).flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + pattern.length <= head.length; i++) {
    for (let k = 0; k < pattern.length; k++) if (head[i + k] !== pattern[k]) continue outer;
    return true;
  }
  return false;
}

/** Compressed archives other than ZIP: gzip, 7-Zip, RAR, bzip2. */
const ARCHIVES = [[0x1f, 0x8b], [0x37, 0x7a, 0xbc, 0xaf], [0x52, 0x61, 0x72, 0x21], [0x42, 0x5a, 0x68]];

/** Share of control characters (other than tab and line breaks) above which bytes are not text. */
function looksBinary(head: Uint8Array): boolean {
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  return control > Math.max(2, sample.length / 100);
}

export function detectFormat(name: string, head: Uint8Array): FileFormat {
  const lower = name.toLowerCase();
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return lower.endsWith('.xlsx') || lower.endsWith('.xlsm') ? 'xlsx' : 'ubl-zip';
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) throw new ImportProblem(isEncryptedOffice(head) ? 'encrypted_office' : 'old_excel', name);
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw new ImportProblem('pdf', name);
  if (ARCHIVES.some((magic) => startsWith(head, magic))) throw new ImportProblem('compressed', name);
  // UTF-16 text is half NUL bytes; it is text all the same.
  const utf16 = utf16FromBom(head) ?? utf16FromNuls(head);
  if (firstText(head).startsWith('<')) return 'ubl-xml';
  if (!utf16 && looksBinary(head)) throw new ImportProblem('not_text', name);
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
