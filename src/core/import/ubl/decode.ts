/**
 * Byte-level helpers for XML invoices: decoding by the XML declaration and a cheap sniff of the
 * root element, so the importer can route a file without parsing it.
 */
import { UblFormatError } from './errors.js';

const UBL_ROOTS = new Set(['Invoice', 'CreditNote']);
const SNIFF_BYTES = 4096;
const UBL_NAMESPACE = 'urn:oasis:names:specification:ubl:schema:xsd:';

export interface DecodedXml {
  text: string;
  /** Set when the bytes did not match the declared encoding and a fallback was used. */
  warning?: string;
}

export function isZip(bytes: Uint8Array): boolean {
  // Local file header, or the end record alone for an empty archive.
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

function utf16Label(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The encoding named in `<?xml ... encoding="..."?>`, read as ASCII (the declaration always is). */
function declaredEncoding(bytes: Uint8Array): string | null {
  const start = hasUtf8Bom(bytes) ? 3 : 0;
  const head = String.fromCharCode(...bytes.subarray(start, start + 256));
  const m = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

/**
 * Decodes an XML document: a BOM wins, then the declaration, then UTF-8. Bytes that are not valid
 * UTF-8 although nothing else was declared are almost always Windows-1252 from an old ERP export,
 * so they are read as that with a warning instead of turning every 'ø' into U+FFFD.
 */
export function decodeXml(name: string, bytes: Uint8Array): DecodedXml {
  const utf16 = utf16Label(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes) };
  const declared = hasUtf8Bom(bytes) ? 'utf-8' : (declaredEncoding(bytes) ?? 'utf-8');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new UblFormatError(`${name} bruger tegnsættet '${declared}', som ikke understøttes`, { code: 'ubl_charset', params: { name, charset: declared } });
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    if (decoder.encoding !== 'utf-8') return { text: new TextDecoder(declared).decode(bytes) };
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warning: `${name}: teksten er ikke gyldig UTF-8 og er læst som Windows-1252`,
    };
  }
}

export interface RootElement {
  /** Local name, without prefix. */
  name: string;
  /** The namespace URI bound to the root's prefix (or the default namespace); null if none. */
  namespace: string | null;
}

/** The root element's start tag, skipping the prolog; null if the text does not start like XML. */
export function rootElement(text: string): RootElement | null {
  let rest = text.replace(/^\uFEFF/, '');
  const prolog = /^\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)/;
  for (let m = prolog.exec(rest); m; m = prolog.exec(rest)) rest = rest.slice(m[0].length);
  const tag = /^\s*<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(rest);
  if (!tag?.[2]) {
    // A start tag longer than the sniffed head: the name alone has to do.
    const name = /^\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)\s/.exec(rest)?.[1];
    return name ? { name, namespace: null } : null;
  }
  const xmlns = tag[1] ? `xmlns:${tag[1]}` : 'xmlns';
  for (const a of (tag[3] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (a[1] === xmlns) return { name: tag[2], namespace: (a[2] ?? a[3] ?? '').trim() };
  }
  return { name: tag[2], namespace: null };
}

/**
 * Whether a root is a UBL Invoice or CreditNote. A root without any namespace is let through:
 * sloppy exporters drop it, and the parser reads such files just as well.
 */
export function isUblRoot(root: RootElement | null): boolean {
  if (root === null || !UBL_ROOTS.has(root.name)) return false;
  return root.namespace === null || root.namespace === `${UBL_NAMESPACE}${root.name}-2`;
}

/** True when the first 4 KB look like a UBL Invoice or CreditNote; does not validate anything. */
export function isUblXml(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const label = utf16Label(head) ?? 'utf-8';
  // Non-fatal: the 4 KB cut may split a character, and only the root tag matters here.
  return isUblRoot(rootElement(new TextDecoder(label).decode(head)));
}
