/**
 * Small indexOf-based XML helpers for the SpreadsheetML parts. There is no DOMParser in a Web
 * Worker, and the parts are machine-written, so a tag scanner is enough. Element names are
 * compared without their namespace prefix because some writers (the .NET OpenXML SDK) emit
 * `<x:row>` instead of `<row>`.
 */
export interface Tag {
  /** Local name without prefix. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index of '<'. */
  start: number;
  /** Index just after '>'. */
  end: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

export function isSpace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

/** Tags in xml[from, to), skipping declarations, comments and CDATA. */
export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
  let p = xml.indexOf('<', from);
  while (p >= 0 && p < to) {
    const next = xml.charCodeAt(p + 1);
    if (next === 63 /* ? */) {
      const q = xml.indexOf('?>', p);
      p = q < 0 ? -1 : xml.indexOf('<', q + 2);
      continue;
    }
    if (next === 33 /* ! */) {
      const comment = xml.startsWith('<!--', p);
      const close = comment ? xml.indexOf('-->', p) : xml.indexOf('>', p);
      p = close < 0 ? -1 : xml.indexOf('<', close + (comment ? 3 : 1));
      continue;
    }
    const closing = next === 47; /* / */
    let i = closing ? p + 2 : p + 1;
    let nameStart = i;
    for (let c = xml.charCodeAt(i); i < to && c !== 62 && c !== 47 && !isSpace(c); c = xml.charCodeAt(++i)) {
      if (c === 58 /* : */) nameStart = i + 1;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) return;
    yield {
      name: xml.slice(nameStart, i),
      closing,
      selfClosing: xml.charCodeAt(gt - 1) === 47,
      start: p,
      end: gt + 1,
    };
    p = xml.indexOf('<', gt + 1);
  }
}

/** Attributes of the tag at [tag.start, tag.end), keyed by their full name (prefix kept). */
export function attributes(xml: string, tag: Tag): Map<string, string> {
  const attrs = new Map<string, string>();
  const end = tag.end - 1;
  let i = xml.indexOf(' ', tag.start);
  if (i < 0 || i > end) {
    // Attributes may also follow a tab or newline.
    i = tag.start + 1;
    while (i < end && !isSpace(xml.charCodeAt(i))) i++;
  }
  while (i < end) {
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    const eq = xml.indexOf('=', i);
    if (eq < 0 || eq >= end) break;
    const name = xml.slice(i, eq).trim();
    let q = eq + 1;
    while (isSpace(xml.charCodeAt(q))) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") break;
    const close = xml.indexOf(quote, q + 1);
    if (close < 0) break;
    attrs.set(name, unescapeXml(xml.slice(q + 1, close)));
    i = close + 1;
  }
  return attrs;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML entities and Excel's own `_xHHHH_` escapes (used for control characters such
 * as a carriage return inside a cell).
 */
export function unescapeXml(text: string): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
      if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
      if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
      return NAMED[body] ?? whole;
    });
  }
  if (out.includes('_x')) {
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return out;
}

/**
 * The text of a string item (`<si>` or `<is>`): its `<t>` elements, plain or in rich-text runs
 * `<r><t>`, leaving out phonetic hints (`<rPh>`), which are not part of the value.
 */
export function stringItemText(xml: string, from: number, to: number): string {
  let text = '';
  let skipUntil = -1;
  for (const tag of tags(xml, from, to)) {
    if (tag.start < skipUntil) continue;
    if (tag.name === 'rPh' && !tag.closing && !tag.selfClosing) {
      const close = xml.indexOf('rPh>', tag.end);
      skipUntil = close < 0 ? to : close;
    } else if (tag.name === 't' && !tag.closing && !tag.selfClosing) {
      const close = xml.indexOf('<', tag.end);
      if (close < 0 || close > to) break;
      text += unescapeXml(xml.slice(tag.end, close));
    }
  }
  return text;
}
