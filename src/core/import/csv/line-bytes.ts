/**
 * Byte-level access to a text file that is either in memory or a browser File (read in pieces,
 * never whole): the line a refused record starts on, and its text for the reject list.
 */
export type TextData = Uint8Array | Blob;

export function sizeOf(data: TextData): number {
  return data instanceof Uint8Array ? data.length : data.size;
}

export function sliceOf(data: TextData, start: number, end?: number): TextData {
  return data instanceof Uint8Array ? data.subarray(start, end) : data.slice(start, end);
}

async function readBytes(data: TextData, start: number, end: number): Promise<Uint8Array> {
  const from = Math.max(0, start);
  const to = Math.min(sizeOf(data), end);
  if (to <= from) return new Uint8Array(0);
  return data instanceof Uint8Array ? data.subarray(from, to) : new Uint8Array(await data.slice(from, to).arrayBuffer());
}

/** Longest line text kept for the reject list (DuckDB keeps as much). */
const MAX_TEXT = 10_000;
const STEP = 64 * 1024;

export interface PhysicalLine {
  start: number;
  /** Just after the line's terminator. */
  end: number;
  bytes: Uint8Array;
  text: string;
}

/**
 * The physical line around `position`: from just after the line break before it to the next one.
 * With `lineStart`, `position` is DuckDB's line position instead, exact after CRLF and one past
 * the start after a bare LF.
 */
export async function lineAt(data: TextData, position: number, lineStart = false): Promise<PhysicalLine> {
  let start = position;
  if (lineStart) {
    const before = await readBytes(data, position - 1, position);
    if (position > 0 && before[0] !== 10 && before[0] !== 13) start = position - 1;
  } else {
    start = await lineStartBefore(data, position);
  }
  const size = sizeOf(data);
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let at = start; at < size; at += STEP) {
    const chunk = await readBytes(data, at, at + STEP);
    let cut = -1;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 10 || chunk[i] === 13) {
        cut = i;
        break;
      }
    }
    if (cut < 0) {
      if (length < MAX_TEXT * 4) parts.push(chunk);
      length += chunk.length;
      continue;
    }
    parts.push(chunk.subarray(0, cut));
    length += cut;
    const terminator = at + cut;
    const next = await readBytes(data, terminator, terminator + 2);
    const end = terminator + (next[0] === 13 && next[1] === 10 ? 2 : 1);
    return finish(start, end, parts);
  }
  return finish(start, size, parts);
}

/** Just after the last line break before `position` (0 when there is none). */
async function lineStartBefore(data: TextData, position: number): Promise<number> {
  for (let to = position; to > 0; to -= STEP) {
    const from = Math.max(0, to - STEP);
    const chunk = await readBytes(data, from, to);
    for (let i = chunk.length - 1; i >= 0; i--) if (chunk[i] === 10 || chunk[i] === 13) return from + i + 1;
  }
  return 0;
}

function finish(start: number, end: number, parts: Uint8Array[]): PhysicalLine {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { start, end, bytes, text: decodeLenient(bytes).slice(0, MAX_TEXT) };
}

const cp1252 = new TextDecoder('windows-1252');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text in which a byte that does not decode is shown as Windows-1252 would show it (the
 * usual cause: one 8-bit character in an otherwise UTF-8 export), so a person sees "Hansen’s"
 * in the reject list and not a replacement character.
 */
export function decodeLenient(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let out = '';
    let from = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! < 0x80) continue;
      const len = sequenceLength(bytes, i);
      if (len > 0) {
        i += len - 1;
        continue;
      }
      out += new TextDecoder().decode(bytes.subarray(from, i)) + cp1252.decode(bytes.subarray(i, i + 1));
      from = i + 1;
    }
    return out + new TextDecoder().decode(bytes.subarray(from));
  }
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  try {
    utf8.decode(bytes.subarray(i, i + need + 1));
    return need + 1;
  } catch {
    return 0;
  }
}
