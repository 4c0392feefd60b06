/// <reference lib="webworker" />
import { prepareData, scanData } from '../../core/import/csv/text-io.js';
import { directParsers } from '../../core/import/direct-parsers.js';
import { ImportProblem, problemData } from '../../core/import/import-problem.js';
import { packParsedTable } from '../../core/import/parsed-to-arrow.js';
import { readSheetPacked } from '../../core/import/xlsx/index.js';
import type { ParseFailure, ParseRequest, ParseResponse, ParseResult } from '../../core/import/worker-protocol.js';
import { formatReasonOf } from '../../core/import/format-error.js';

// Excel, Parquet and XML are parsed here so a 100,000-row sheet never freezes the page; CSV files
// are scanned and, when needed, rewritten here, streamed from the File.
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(request: ParseRequest): Promise<ParseResult> {
  switch (request.type) {
    case 'listSheets':
      return directParsers.listSheets(request.bytes);
    case 'xlsx':
      // Packed while it is read: only one batch of rows is ever held as strings.
      return readSheetPacked(request.bytes, request.sheet);
    case 'parquet':
      return packParsedTable(await directParsers.parquet(request.bytes));
    case 'ubl':
      return packParsedTable(await directParsers.ubl(request.name, request.bytes, request.zip));
    case 'scanText':
      return scanData(request.data);
    case 'prepareText':
      return prepareData(request.data, request.options);
  }
}

function failure(error: unknown): ParseFailure {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, stack: e.stack, problem: error instanceof ImportProblem ? problemData(error) : undefined, reason: formatReasonOf(error) };
}

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) => {
      // Rewritten text and a packed table's Arrow bytes go back without a copy.
      const bytes = result instanceof Uint8Array ? result : 'arrow' in result ? result.arrow : undefined;
      const transfer = bytes ? [bytes.buffer] : [];
      scope.postMessage({ id: request.id, ok: true, result } satisfies ParseResponse, transfer);
    },
    (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: failure(error) } satisfies ParseResponse),
  );
};
