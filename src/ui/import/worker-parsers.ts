import type { PrepareOptions } from '../../core/import/csv/text-prepare.js';
import type { TextScan } from '../../core/import/csv/text-scan.js';
import { FormatError } from '../../core/import/format-error.js';
import { fromProblemData, ImportProblem } from '../../core/import/import-problem.js';
import type { ParsedTable } from '../../core/import/parsed-table.js';
import type { ImportSource, Parsers, SheetInfo } from '../../core/import/sources.js';
import type { ParseFailure, ParseRequest, ParseResponse, ParseResult } from '../../core/import/worker-protocol.js';

type Pending = { resolve: (r: ParseResult) => void; reject: (e: Error) => void; file: string };
type Request = ParseRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The error a parse failed with, rebuilt on the page from what the worker sent (exported for tests). */
export function rebuild(failure: ParseFailure): Error {
  if (failure.problem) return fromProblemData(failure.problem);
  const error = new FormatError(failure.message, failure.reason);
  error.name = failure.name;
  error.stack = failure.stack;
  return error;
}

/**
 * The parsers, run in a Web Worker that is started on first use and ended when idle. If the
 * worker dies (an uncaught error, out of memory), every waiting call fails with a problem the
 * screen can show, and the next call starts a fresh worker: the app stays usable.
 */
export function createWorkerParsers(): Parsers & { dispose(): void } {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const crashed = (detail: string) => {
    for (const p of pending.values()) p.reject(new ImportProblem('parser_crashed', p.file, {}, detail));
    pending.clear();
    worker?.terminate();
    worker = null;
  };

  // An idle worker is ended rather than kept: what a parse leaves on its heap (a sheet's decoded
  // XML, a CSV's scanned chunks: 100-300 MB for a 100,000-row sheet) is then given back at once
  // instead of whenever its garbage collector runs, which it seldom does in an idle thread.
  // Starting a worker for the next file costs a few milliseconds.
  const retire = () => {
    worker?.terminate();
    worker = null;
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ParseResponse>) => {
      const p = pending.get(event.data.id);
      if (!p) return;
      pending.delete(event.data.id);
      if (pending.size === 0) retire();
      if (event.data.ok) p.resolve(event.data.result);
      else p.reject(rebuild(event.data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      crashed(event.message || 'parse worker error');
    };
    worker.onmessageerror = () => crashed('a message from the parse worker could not be read');
    return worker;
  };

  const call = (request: Request, file = ''): Promise<ParseResult> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, file });
      // The bytes are copied, not transferred: the caller may still need them. A File is a handle.
      ensure().postMessage({ ...request, id } as ParseRequest);
    });

  return {
    listSheets: async (bytes) => (await call({ type: 'listSheets', bytes })) as SheetInfo[],
    xlsx: async (bytes, sheet) => (await call({ type: 'xlsx', bytes, sheet })) as ParsedTable,
    parquet: async (bytes) => (await call({ type: 'parquet', bytes })) as ParsedTable,
    ubl: async (name, bytes, zip) => (await call({ type: 'ubl', name, bytes, zip }, name)) as ParsedTable,
    scanText: async (data) => (await call({ type: 'scanText', data }, data instanceof File ? data.name : '')) as TextScan,
    prepareText: async (data, options: PrepareOptions) =>
      (await call({ type: 'prepareText', data, options }, data instanceof File ? data.name : '')) as Uint8Array,
    dispose: () => {
      crashed('disposed');
    },
  };
}

/** A browser File as an import source: sliced lazily, handed to DuckDB in place. */
export function fileSource(file: File): ImportSource {
  return {
    name: file.name,
    size: file.size,
    slice: async (start: number, end: number) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    handle: async () => file,
  };
}
