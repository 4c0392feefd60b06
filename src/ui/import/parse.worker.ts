/// <reference lib="webworker" />
import { directParsers } from '../../core/import/direct-parsers.js';
import type { ParseRequest, ParseResponse, ParseResult } from '../../core/import/worker-protocol.js';

// Excel, Parquet and XML are parsed here so a 100,000-row sheet never freezes the page.
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
  }
}

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) => scope.postMessage({ id: request.id, ok: true, result } satisfies ParseResponse),
    (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ParseResponse),
  );
};
