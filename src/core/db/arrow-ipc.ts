/**
 * DuckDB-WASM's raw query result is an Arrow IPC *file* ("ARROW1", padding, the stream with its
 * end-of-stream marker, footer, footer length, "ARROW1"), while its Arrow insert reads the IPC
 * *stream* format. The stream is a slice of the file, so no byte is copied or decoded.
 */
const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

export function arrowFileToStream(file: Uint8Array): Uint8Array {
  const starts = MAGIC.every((b, i) => file[i] === b);
  const ends = MAGIC.every((b, i) => file[file.length - 6 + i] === b);
  if (!starts || !ends || file.length < 20) throw new Error('Not an Arrow IPC file');
  const footer = new DataView(file.buffer, file.byteOffset + file.length - 10, 4).getInt32(0, true);
  return file.subarray(8, file.length - 10 - footer);
}
