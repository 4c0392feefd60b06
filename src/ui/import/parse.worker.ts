/// <reference lib="webworker" />
import { prepareData, scanData } from '../../core/import/csv/text-io.js';
import { directParsers } from '../../core/import/direct-parsers.js';
import { ImportProblem, problemData } from '../../core/import/import-problem.js';
import type { ParseFailure, ParseRequest, ParseResponse, ParseResult } from '../../core/import/worker-protocol.js';

// Excel, Parquet and XML are parsed here so a 100,000-row sheet never freezes the page; CSV files
// are scanned and, when needed, rewritten here, streamed from the File.
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(request: ParseRequest): Promise<ParseResult> {
  switch (request.type) {
    case 'listSheets':
      return directParsers.listSheets(request.bytes);
    case 'xlsx':
      return directParsers.xlsx(request.bytes, request.sheet);
    case 'parquet':
      return directParsers.parquet(request.bytes);
    case 'ubl':
      return directParsers.ubl(request.name, request.bytes, request.zip);
    case 'scanText':
      return scanData(request.data);
    case 'prepareText':
      return prepareData(request.data, request.options);
  }
}

function failure(error: unknown): ParseFailure {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, stack: e.stack, problem: error instanceof ImportProblem ? problemData(error) : undefined };
}

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) => {
      // Rewritten text goes back without a copy.
      const transfer = result instanceof Uint8Array ? [result.buffer] : [];
      scope.postMessage({ id: request.id, ok: true, result } satisfies ParseResponse, transfer);
    },
    (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: failure(error) } satisfies ParseResponse),
  );
};
