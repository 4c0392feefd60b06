/// <reference lib="webworker" />
import { unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import { isWorkspaceEntry } from '../../core/workspace/file/entries.js';
import type { ZipRequest, ZipResponse } from './zip-protocol.js';

// The .overblik ZIP is made and read here, off the page's thread, in one worker (fflate's own
// async API would start a worker per table part).
const scope = self as unknown as DedicatedWorkerGlobalScope;

const buffers = (files: Record<string, Uint8Array>) => Object.values(files).map((b) => b.buffer as ArrayBuffer);

scope.onmessage = (event: MessageEvent<ZipRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'zip') {
      const data = zipSync(request.entries as Zippable);
      scope.postMessage({ id: request.id, ok: true, data } satisfies ZipResponse, [data.buffer]);
    } else {
      const files: Unzipped = unzipSync(request.bytes, { filter: (f) => isWorkspaceEntry(f.name) });
      scope.postMessage({ id: request.id, ok: true, files } satisfies ZipResponse, buffers(files));
    }
  } catch (error) {
    scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ZipResponse);
  }
};
