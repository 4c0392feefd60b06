import type { ParsedTable } from '../../core/import/parsed-table.js';
import type { Parsers, SheetInfo } from '../../core/import/sources.js';
import type { ParseRequest, ParseResponse, ParseResult } from '../../core/import/worker-protocol.js';

type Pending = { resolve: (r: ParseResult) => void; reject: (e: Error) => void };
type Request = ParseRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The parsers, run in a Web Worker that is started on first use and kept for the session. */
export function createWorkerParsers(): Parsers & { dispose(): void } {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const ensure = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const p = pending.get(event.data.id);
      if (!p) return;
      pending.delete(event.data.id);
      if (event.data.ok) p.resolve(event.data.result);
      else p.reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      for (const p of pending.values()) p.reject(new Error(event.message || 'Parse worker failed'));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
    return worker;
  };

  const call = (request: Request): Promise<ParseResult> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // The bytes are copied, not transferred: the caller may still need them.
      ensure().postMessage({ ...request, id } as ParseRequest);
    });

  return {
    listSheets: async (bytes) => (await call({ type: 'listSheets', bytes })) as SheetInfo[],
    xlsx: async (bytes, sheet) => (await call({ type: 'xlsx', bytes, sheet })) as ParsedTable,
    parquet: async (bytes) => (await call({ type: 'parquet', bytes })) as ParsedTable,
    ubl: async (name, bytes, zip) => (await call({ type: 'ubl', name, bytes, zip })) as ParsedTable,
    dispose: () => {
      worker?.terminate();
      worker = null;
    },
  };
}

/** A browser File as an import source: sliced lazily, handed to DuckDB in place. */
export function fileSource(file: File) {
  return {
    name: file.name,
    size: file.size,
    slice: async (start: number, end: number) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    handle: async () => file,
  };
}
