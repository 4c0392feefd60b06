/**
 * Text → bytes for the generated files, in chunks: rows are appended to a string and encoded
 * about once a megabyte, which keeps memory flat and the per-row cost low.
 */

export type TextEncoding = 'utf8' | 'utf8-bom' | 'cp1252';

/** Windows-1252 in 0x80–0x9F differs from Latin-1; everything else up to 0xFF is the code point. */
const CP1252_HIGH: Readonly<Record<number, number>> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Encodes to Windows-1252; a character it cannot hold becomes '?', as Windows exports do. */
export function encodeCp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
    else out[i] = CP1252_HIGH[code] ?? 0x3f;
  }
  return out;
}

const utf8 = new TextEncoder();

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  return encoding === 'cp1252' ? encodeCp1252(text) : utf8.encode(text);
}

const CHUNK_CHARS = 1 << 20;

export class TextChunker {
  private buffer: string;

  constructor(
    private readonly encoding: TextEncoding,
    private readonly emit: (bytes: Uint8Array) => void,
  ) {
    this.buffer = encoding === 'utf8-bom' ? '\uFEFF' : '';
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.emit(encodeText(this.buffer, this.encoding));
    this.buffer = '';
  }
}
