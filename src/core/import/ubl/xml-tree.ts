import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuseDoctype } from '../xml-safety.js';

/**
 * fast-xml-parser configured for UBL, plus typed accessors over its output. Every element comes
 * back as an array of objects (so one line and many lines look the same), namespace prefixes are
 * stripped (producers use cac/cbc, default namespaces or their own prefixes), and text stays text
 * (amounts must not pass through a float).
 */
export interface XmlElement {
  readonly [key: string]: unknown;
}

const TEXT = '#text';
const ATTR = '@_';

/**
 * UBL aggregates the spend rows never read. As stop nodes the parser keeps them as raw text
 * instead of building objects, which makes a typical OIOUBL invoice parse ~40% faster. None of
 * them contains anything that is read (parties' names and IDs, totals, lines, allowances).
 */
const UNREAD = [
  'UBLExtensions', 'Signature', 'TaxTotal', 'WithholdingTaxTotal', 'PostalAddress', 'PhysicalLocation',
  'RegistrationAddress', 'Contact', 'Person', 'PartyTaxScheme', 'PaymentMeans', 'PaymentTerms',
  'PrepaidPayment', 'Delivery', 'DeliveryTerms', 'TaxExchangeRate', 'PricingExchangeRate',
  'PaymentExchangeRate', 'PaymentAlternativeExchangeRate', 'AdditionalDocumentReference',
  'BillingReference', 'DespatchDocumentReference', 'ContractDocumentReference', 'TaxCategory',
  'ClassifiedTaxCategory', 'AdditionalItemProperty', 'ItemInstance', 'OriginAddress', 'PayeeParty',
  'TaxRepresentativeParty', 'SellerSupplierParty', 'BuyerCustomerParty', 'SignatoryParty',
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes numeric character references (&#230;) too, which some ERP exports use for 'æøå'.
  htmlEntities: true,
  isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
  // isArray ignores the path, and building it as a string for every tag measurably slows parsing.
  jPath: false,
  stopNodes: UNREAD.map((name) => `..${name}`),
});

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
  /** Where (null: the document as a whole) and what, in the XML validator's own (English) words. */
  constructor(message: string, readonly line: number | null = null, readonly what = '') {
    super(message);
  }
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const EMBEDDED_BINARY = /(<(?:[\w.-]+:)?EmbeddedDocumentBinaryObject\b[^>]*>)([^<]*)(<\/)/g;

/**
 * Peppol invoices often carry the PDF as base64 in EmbeddedDocumentBinaryObject: megabytes the
 * spend analysis never reads and the XML parser handles at a few MB/s. A regex pass empties them
 * first (base64 has no '<'), keeping the newlines so error line numbers still match the file.
 */
function dropEmbeddedBinaries(xml: string): string {
  return xml.replace(EMBEDDED_BINARY, (_m, open: string, body: string, close: string) =>
    body.length < 256 ? open + body + close : open + body.replace(/[^\n]+/g, '') + close,
  );
}

/**
 * Validates and parses a document and returns its single root. The validator runs first because
 * the parser silently accepts truncated files, and a half-read invoice must not pass as whole.
 */
export function parseXml(xml: string): { name: string; root: XmlElement } {
  // Before any parser sees it: no entity definitions, no expansion (billion laughs), no external entities.
  refuseDoctype(xml);
  const text = dropEmbeddedBinaries(xml);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlSyntaxError(`ugyldig XML i linje ${valid.err.line}: ${valid.err.msg}`, valid.err.line, valid.err.msg);
  }
  const doc: unknown = parser.parse(text);
  const roots = isElement(doc)
    ? Object.entries(doc).filter(([key]) => !key.startsWith('?') && !key.startsWith('#'))
    : [];
  const first = roots[0];
  const elements = first && Array.isArray(first[1]) ? first[1].filter(isElement) : [];
  if (roots.length !== 1 || elements.length !== 1 || !first || !elements[0]) {
    throw new XmlSyntaxError('ugyldig XML: dokumentet skal have præcis ét rodelement');
  }
  return { name: first[0], root: elements[0] };
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el || !Object.hasOwn(el, name)) return [];
  const value = el[name];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** The first element along a path of local names. */
export function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = el;
  for (const name of path) current = children(current, name)[0];
  return current;
}

/** Trimmed text content; null when absent or empty, so empty tags become empty cells. */
export function text(el: XmlElement | undefined): string | null {
  const value = el?.[TEXT];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

export function textAt(el: XmlElement | undefined, ...path: string[]): string | null {
  return text(child(el, ...path));
}

/** The first non-empty text among repeated elements (e.g. several cbc:Note). */
export function firstText(el: XmlElement | undefined, ...path: string[]): string | null {
  const last = path[path.length - 1];
  if (last === undefined) return null;
  for (const candidate of children(child(el, ...path.slice(0, -1)), last)) {
    const value = text(candidate);
    if (value !== null) return value;
  }
  return null;
}

export function attr(el: XmlElement | undefined, name: string): string | null {
  const value = el?.[ATTR + name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
