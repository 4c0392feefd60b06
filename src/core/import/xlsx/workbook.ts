import { attributes, stringItemText, tags, unescapeXml } from './xml-scan.js';
import { findEntry, readEntryText, XlsxFormatError, type ZipEntry } from '../zip.js';

/** The workbook-level parts a sheet needs: its sheets, date system, shared strings and styles. */
export interface SheetRef {
  name: string;
  /** 0-based position among the workbook's worksheets (chart sheets are left out). */
  index: number;
  path: string;
  /** Hidden (or "very hidden") in Excel: never the default choice. */
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  /** Mac Excel's old date system: serial 0 is 1904-01-01 instead of 1899-12-31. */
  date1904: boolean;
  sharedStringsPath?: string;
  stylesPath?: string;
}

interface Relationship {
  type: string;
  target: string;
}

function resolvePath(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = baseDir ? baseDir.split('/') : [];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function readRelationships(bytes: Uint8Array, entries: Map<string, ZipEntry>, relsPath: string, baseDir: string) {
  const rels = new Map<string, Relationship>();
  const entry = findEntry(entries, relsPath);
  if (!entry) return rels;
  const xml = readEntryText(bytes, entry);
  for (const tag of tags(xml)) {
    if (tag.closing || tag.name !== 'Relationship') continue;
    const a = attributes(xml, tag);
    if (a.get('TargetMode') === 'External') continue;
    rels.set(a.get('Id') ?? '', { type: a.get('Type') ?? '', target: resolvePath(baseDir, a.get('Target') ?? '') });
  }
  return rels;
}

function byType(rels: Map<string, Relationship>, suffix: string): string | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel.target;
  return undefined;
}

export function readWorkbook(bytes: Uint8Array, entries: Map<string, ZipEntry>): WorkbookInfo {
  const rootRels = readRelationships(bytes, entries, '_rels/.rels', '');
  const workbookPath = byType(rootRels, '/officeDocument') ?? 'xl/workbook.xml';
  const workbookEntry = findEntry(entries, workbookPath);
  if (!workbookEntry) throw new XlsxFormatError('Filen er ikke en Excel-projektmappe (xl/workbook.xml mangler).', { code: 'xlsx_not_workbook' });
  const slash = workbookPath.lastIndexOf('/');
  const dir = slash < 0 ? '' : workbookPath.slice(0, slash);
  const relsPath = `${dir ? `${dir}/` : ''}_rels/${workbookPath.slice(slash + 1)}.rels`;
  const rels = readRelationships(bytes, entries, relsPath, dir);

  const xml = readEntryText(bytes, workbookEntry);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  for (const tag of tags(xml)) {
    if (tag.closing) continue;
    if (tag.name === 'workbookPr') {
      const flag = attributes(xml, tag).get('date1904');
      date1904 = flag === '1' || flag === 'true';
    } else if (tag.name === 'sheet') {
      const a = attributes(xml, tag);
      let id = '';
      for (const [key, value] of a) if (key === 'id' || key.endsWith(':id')) id = value;
      const rel = rels.get(id);
      // Chart sheets and macro sheets have no cells to import.
      if (rel && rel.type.endsWith('/worksheet')) {
        const state = a.get('state');
        sheets.push({ name: a.get('name') ?? `Ark ${sheets.length + 1}`, index: sheets.length, path: rel.target, hidden: state === 'hidden' || state === 'veryHidden' });
      }
    }
  }
  return {
    sheets,
    date1904,
    sharedStringsPath: byType(rels, '/sharedStrings') ?? (findEntry(entries, 'xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined),
    stylesPath: byType(rels, '/styles') ?? (findEntry(entries, 'xl/styles.xml') ? 'xl/styles.xml' : undefined),
  };
}

export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const at = xml.indexOf('sst');
  if (at < 0) return strings;
  const prefix = xml.charCodeAt(at - 1) === 58 ? xml.slice(xml.lastIndexOf('<', at) + 1, at) : '';
  const open = `<${prefix}si`;
  const close = `</${prefix}si>`;
  const plainT = `<${prefix}t>`;
  const endT = `</${prefix}t>`;
  for (let p = xml.indexOf(open, at); p >= 0; p = xml.indexOf(open, p)) {
    const gt = xml.indexOf('>', p);
    const next = xml.charCodeAt(p + open.length);
    if (gt < 0) break;
    if (next !== 62 && next > 32 && next !== 47) {
      p = gt; // a longer name that merely starts with "si"
      continue;
    }
    if (xml.charCodeAt(gt - 1) === 47) {
      strings.push('');
      p = gt;
      continue;
    }
    const end = xml.indexOf(close, gt);
    if (end < 0) break;
    // Nearly every item is one plain <t>; rich text and phonetic runs take the general path.
    const textEnd = xml.indexOf('<', gt + 1 + plainT.length);
    if (xml.startsWith(plainT, gt + 1) && textEnd + endT.length === end && xml.startsWith(endT, textEnd)) {
      strings.push(unescapeXml(xml.slice(gt + 1 + plainT.length, textEnd)));
    } else {
      strings.push(stringItemText(xml, gt + 1, end));
    }
    p = end + close.length;
  }
  return strings;
}

/** How a cell style shows a number. */
export const NOT_DATE = 0;
export const DATE = 1;
export const TIME_ONLY = 2;
export type DateKind = typeof NOT_DATE | typeof DATE | typeof TIME_ONLY;

const BUILTIN_DATE = new Set([14, 15, 16, 17, 22]);
const BUILTIN_TIME = new Set([18, 19, 20, 21, 45, 46, 47]);

/** Whether a number format code shows a date, looking only at tokens outside literals. */
export function classifyFormat(code: string): DateKind {
  const tokens = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .toLowerCase();
  if (/[dy]/.test(tokens)) return DATE;
  if (/[hs]/.test(tokens)) return TIME_ONLY;
  // 'm' without hours or seconds is a month ("mmm yyyy" has y anyway, but "mmmm" alone is a month).
  if (tokens.includes('m')) return DATE;
  return NOT_DATE;
}

/** For each cellXfs index (the cell's s attribute), whether its number format is a date. */
export function readDateStyles(xml: string): DateKind[] {
  const custom = new Map<number, DateKind>();
  const kinds: DateKind[] = [];
  let inCellXfs = false;
  for (const tag of tags(xml)) {
    if (tag.name === 'cellXfs') {
      inCellXfs = !tag.closing && !tag.selfClosing;
    } else if (tag.name === 'numFmt' && !tag.closing) {
      const a = attributes(xml, tag);
      custom.set(Number(a.get('numFmtId')), classifyFormat(a.get('formatCode') ?? ''));
    } else if (tag.name === 'xf' && inCellXfs && !tag.closing) {
      const id = Number(attributes(xml, tag).get('numFmtId') ?? 0);
      const kind = custom.get(id) ?? (BUILTIN_DATE.has(id) ? DATE : BUILTIN_TIME.has(id) ? TIME_ONLY : NOT_DATE);
      kinds.push(kind);
    }
  }
  return kinds;
}
