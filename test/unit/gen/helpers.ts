import { FORMATS, type Format, Generation, type Manifest, type ManifestFor, type ProfileId } from '../../../src/core/gen/index.js';

/** Generates Demo Kommune into memory: file name → bytes (chunks joined), plus the manifest. */
export function generateInMemory(lines: number, seed: string, formats: readonly Format[] = FORMATS, truth = true): { files: Map<string, Uint8Array>; manifest: Manifest } {
  return generateProfileInMemory('demo', lines, seed, formats, truth);
}

/** Generates any profile into memory; `formats` undefined: the profile's defaults. */
export function generateProfileInMemory<P extends ProfileId>(
  profile: P, lines: number, seed: string, formats?: readonly Format[], truth = true,
): { files: Map<string, Uint8Array>; manifest: ManifestFor<P> } {
  const chunks = new Map<string, Uint8Array[]>();
  const generation = new Generation<P>({ profile, lines, seed, formats, truth }, (name, bytes) => {
    const list = chunks.get(name) ?? [];
    list.push(bytes);
    chunks.set(name, list);
  });
  const manifest = generation.runAll();
  const files = new Map<string, Uint8Array>();
  for (const [name, list] of chunks) {
    const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of list) {
      out.set(c, offset);
      offset += c.length;
    }
    files.set(name, out);
  }
  return { files, manifest };
}

/** RFC 4180 with a configurable delimiter; throws on a malformed quote so tests see it. */
export function parseCsv(text: string, delimiter = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') throw new Error(`text after closing quote at ${i}`);
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Tag balance and attribute quoting: enough to catch a broken writer without an XML library. */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|<(?![?!/A-Za-z_])/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0] === '<') throw new Error(`stray '<' at ${m.index}`);
    if (!m[2]) continue;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}> at ${m.index}`);
    } else if (!m[4]) stack.push(m[2]);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  const text = xml.replace(/<[^>]*>/g, '');
  if (/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/.test(text)) throw new Error('unescaped & in text');
}
