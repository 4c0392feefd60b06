import type { TextEncoding } from './text-scan.js';

/**
 * Rewrites a text file as UTF-8 with one kind of line ending, for the files DuckDB cannot read in
 * place: Windows-1252 (DuckDB's own Latin-1 gets €, – and “ ” wrong), UTF-16, and files whose
 * line endings are mixed (DuckDB's strict parser stops on them, and its lenient one loses data).
 * Clean UTF-8 files never come here: they are read from the file itself.
 */
export interface PrepareOptions {
  encoding: TextEncoding;
  /** Turn CRLF and bare CR into LF. */
  normaliseNewlines: boolean;
}

/** A growing byte buffer that text is encoded straight into. */
class Utf8Sink {
  private buffer: Uint8Array;
  private length = 0;
  private readonly encoder = new TextEncoder();
  constructor(sizeHint: number) {
    this.buffer = new Uint8Array(Math.max(1024, sizeHint));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.length + extra, Math.ceil(this.buffer.length * 1.5)));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  text(value: string): void {
    this.reserve(value.length * 3);
    this.length += this.encoder.encodeInto(value, this.buffer.subarray(this.length)).written;
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  result(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** CRLF and CR → LF over raw UTF-8 bytes (CR and LF never occur inside a multi-byte character). */
function normaliseBytes(chunk: Uint8Array, sink: Utf8Sink, state: { cr: boolean }): void {
  let from = 0;
  if (state.cr && chunk[0] === 10) from = 1;
  state.cr = false;
  for (let cr = chunk.indexOf(13, from); cr >= 0; cr = chunk.indexOf(13, from)) {
    sink.bytes(chunk.subarray(from, cr));
    sink.bytes(LF);
    if (chunk[cr + 1] === 10) from = cr + 2;
    else {
      from = cr + 1;
      if (from === chunk.length) state.cr = true;
    }
  }
  sink.bytes(chunk.subarray(from));
}

const LF = new Uint8Array([10]);

function normaliseText(text: string, state: { cr: boolean }): string {
  const body = state.cr && text.startsWith('\n') ? text.slice(1) : text;
  state.cr = body.endsWith('\r');
  return body.replace(/\r\n?/g, '\n');
}

/** The file as UTF-8 bytes with LF line endings (when asked), written into one buffer. */
export async function prepareUtf8(chunks: AsyncIterable<Uint8Array>, size: number, options: PrepareOptions): Promise<Uint8Array> {
  const sink = new Utf8Sink(options.encoding === 'utf-8' ? size : Math.ceil(size * 1.1));
  const state = { cr: false };
  if (options.encoding === 'utf-8') {
    for await (const chunk of chunks) {
      if (options.normaliseNewlines) normaliseBytes(chunk, sink, state);
      else sink.bytes(chunk);
    }
    return sink.result();
  }
  // Windows-1252 is one byte per character, so chunks decode on their own; UTF-16 streams.
  const decoder = new TextDecoder(options.encoding, { ignoreBOM: false });
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    sink.text(options.normaliseNewlines ? normaliseText(text, state) : text);
  }
  const rest = decoder.decode();
  sink.text(options.normaliseNewlines ? normaliseText(rest, state) : rest);
  return sink.result();
}
