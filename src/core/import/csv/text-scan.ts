/**
 * One pass over a whole text file, chunk by chunk, so the encoding is decided from every byte and
 * not from the first kilobytes: a file that is ASCII for 50,000 lines and then has one Windows-1252
 * apostrophe is a Windows-1252 file; a UTF-8 file with one broken byte is a UTF-8 file with one
 * line that does not decode. Native TextDecoder does the work for clean chunks; only a chunk that
 * fails is walked byte by byte to find where.
 */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface BadByte {
  /** 1-based physical line. */
  line: number;
  byte: number;
}

export interface TextScan {
  bytes: number;
  encoding: TextEncoding;
  bom: boolean;
  /** Bytes that are not valid UTF-8 (0 for UTF-16 files). */
  invalidUtf8: number;
  /** Extra bytes of valid multi-byte UTF-8 characters: evidence the file really is UTF-8. */
  utf8Multibyte: number;
  /** The first bytes that do not decode, with their lines. */
  badBytes: BadByte[];
  nul: number;
  /** Line terminators by kind; a file with more than one kind has mixed line endings. */
  endings: { crlf: number; lf: number; cr: number };
  /** Physical lines (terminated or not). */
  lines: number;
  /** 1-based physical numbers of empty lines (DuckDB skips them; row numbers must not). */
  blankLines: number[];
}

const MAX_SAMPLES = 20;
const MAX_BLANK = 100_000;

export function utf16FromBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a BOM: text in it has a NUL in every other byte (ASCII letters, digits, ';'). */
export function utf16FromNuls(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 16) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Length of the UTF-8 sequence starting at i, or 0 when the bytes there are not valid UTF-8. */
function utf8SequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i]!;
  const c1 = i + 1 < end ? bytes[i + 1]! : 0;
  if ((c1 & 0xc0) !== 0x80) return 0;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  const c2 = i + 2 < end ? bytes[i + 2]! : 0;
  if ((c2 & 0xc0) !== 0x80) return 0;
  // Overlong forms and UTF-16 surrogates are not valid UTF-8 (TextDecoder refuses them too).
  if (b === 0xe0) return c1 >= 0xa0 ? 3 : 0;
  if (b === 0xed) return c1 < 0xa0 ? 3 : 0;
  if (b >= 0xe1 && b <= 0xef) return 3;
  const c3 = i + 3 < end ? bytes[i + 3]! : 0;
  if ((c3 & 0xc0) !== 0x80) return 0;
  if (b === 0xf0) return c1 >= 0x90 ? 4 : 0;
  if (b === 0xf4) return c1 < 0x90 ? 4 : 0;
  return b >= 0xf1 && b <= 0xf3 ? 4 : 0;
}

/** Where to cut a chunk so no UTF-8 character is split: before an incomplete last sequence. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * The byte loop. Printable ASCII, nearly every byte of an export, costs one comparison; measured
 * at about 1 GB/s in V8, faster than a fatal TextDecoder over the same chunks (which also builds
 * strings that are thrown away) and it knows where a bad byte is.
 */
class Scanner {
  readonly scan: TextScan;
  private carry = new Uint8Array(0);
  private offset = 0;
  private line = 1;
  /** Offset just after the last line terminator (an empty line ends where it starts). */
  private lineStart = 0;
  private pendingCr = false;

  constructor(encoding: TextEncoding, bom: boolean) {
    this.scan = {
      bytes: 0, encoding, bom, invalidUtf8: 0, utf8Multibyte: 0, badBytes: [], nul: 0,
      endings: { crlf: 0, lf: 0, cr: 0 }, lines: 0, blankLines: [],
    };
  }

  push(chunk: Uint8Array, last: boolean): void {
    let data = chunk;
    if (this.carry.length) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
    }
    const cut = last ? data.length : completeLength(data);
    this.carry = data.slice(cut);
    this.walk(data.subarray(0, cut));
    if (last) this.finish();
  }

  private walk(piece: Uint8Array): void {
    const s = this.scan;
    const e = s.endings;
    let i = 0;
    if (this.pendingCr) {
      // A CR ended the previous chunk: it was CRLF if this one starts with LF.
      this.pendingCr = false;
      if (piece[0] === 10) {
        e.crlf++;
        i = 1;
        this.lineStart = this.offset + 1;
      } else e.cr++;
    }
    for (const n = piece.length; i < n; i++) {
      const c = piece[i]!;
      if (c >= 0x20 && c < 0x80) continue;
      if (c === 10 || c === 13) {
        const at = this.offset + i;
        if (at === this.lineStart && s.blankLines.length < MAX_BLANK) s.blankLines.push(this.line);
        this.line++;
        if (c === 10) e.lf++;
        else if (piece[i + 1] === 10) {
          e.crlf++;
          i++;
        } else if (i + 1 === n) this.pendingCr = true;
        else e.cr++;
        this.lineStart = this.offset + i + 1;
      } else if (c === 0) s.nul++;
      else if (c >= 0xc2 && c <= 0xdf && i + 1 < n && (piece[i + 1]! & 0xc0) === 0x80) {
        // æ, ø, å and the other two-byte letters: the common case, checked inline.
        s.utf8Multibyte++;
        i++;
      } else if (c >= 0x80) {
        const len = utf8SequenceLength(piece, i, n);
        if (len > 0) {
          s.utf8Multibyte += len - 1;
          i += len - 1;
        } else {
          s.invalidUtf8++;
          if (s.badBytes.length < MAX_SAMPLES) s.badBytes.push({ line: this.line, byte: c });
        }
      }
    }
    this.offset += piece.length;
  }

  private finish(): void {
    const s = this.scan;
    if (this.pendingCr) {
      s.endings.cr++;
      this.pendingCr = false;
    }
    s.bytes = this.offset;
    s.lines = this.offset > this.lineStart ? this.line : this.line - 1;
    // No BOM, and more bytes that fail UTF-8 than valid UTF-8 characters: an 8-bit Windows export.
    if (s.encoding === 'utf-8' && s.invalidUtf8 > 0 && !s.bom && s.utf8Multibyte < s.invalidUtf8) s.encoding = 'windows-1252';
  }
}

/**
 * Scans a text file from its chunks. UTF-16 (by BOM, or by its NUL pattern) is only counted for
 * line endings: it is transcoded to UTF-8 before DuckDB reads it.
 */
export async function scanText(chunks: AsyncIterable<Uint8Array>): Promise<TextScan> {
  const iterator = chunks[Symbol.asyncIterator]();
  let next = await iterator.next();
  const first = next.done ? new Uint8Array(0) : next.value;
  const utf16 = utf16FromBom(first) ?? utf16FromNuls(first);
  const bom = utf16 ? utf16FromBom(first) !== null : first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
  const scanner = utf16 ? null : new Scanner('utf-8', bom);
  const scan = scanner?.scan ?? new Scanner(utf16!, bom).scan;
  const decoder = utf16 ? new TextDecoder(utf16) : null;
  const lines = new Utf16Lines(scan);
  // One chunk behind, so the last one is known as last (a CR at its end is a line ending).
  while (!next.done) {
    const chunk = next.value;
    next = await iterator.next();
    if (scanner) scanner.push(chunk, next.done === true);
    else {
      scan.bytes += chunk.length;
      lines.push(decoder!.decode(chunk, { stream: !next.done }), next.done === true);
    }
  }
  if (first.length === 0) scanner?.push(first, true);
  return scan;
}

/** Line endings of decoded UTF-16 text (no byte-level checks apply to it). */
class Utf16Lines {
  private pendingCr = false;
  private line = 1;
  private atLineStart = true;
  constructor(private readonly scan: TextScan) {}

  push(text: string, last: boolean): void {
    const e = this.scan.endings;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === 10) {
          e.crlf++;
          continue;
        }
        e.cr++;
      }
      if (c === 13) {
        this.end();
        this.pendingCr = true;
      } else if (c === 10) {
        e.lf++;
        this.end();
      } else this.atLineStart = false;
    }
    if (last) {
      if (this.pendingCr) e.cr++;
      this.scan.lines = this.atLineStart ? this.line - 1 : this.line;
    }
  }

  private end(): void {
    if (this.atLineStart && this.scan.blankLines.length < MAX_BLANK) this.scan.blankLines.push(this.line);
    this.line++;
    this.atLineStart = true;
  }
}

/** Chunks of a byte array, for callers that hold the whole file (tests, the command line). */
export async function* byteChunks(bytes: Uint8Array, size = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}

/** Chunks of a Blob or File, read as a stream (the browser never holds the whole file at once). */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value) yield value;
  }
}
