import { readEntries, unzipFailure, workspaceEntries, type OpenedContainer, type WorkspaceSnapshot } from '../../core/workspace/file/index.js';
import type { ZipRequest, ZipResponse } from './zip-protocol.js';

/** Runs one request in a fresh zip worker (saving and opening are rare; nothing is kept running). */
function inWorker(request: ZipRequest, transfer: Transferable[]): Promise<ZipResponse> {
  const worker = new Worker(new URL('./zip.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ZipResponse>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ZipResponse>) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message || 'zip worker failed'));
    worker.postMessage(request, transfer);
  }).finally(() => worker.terminate());
}

/** The snapshot as a `.overblik` ZIP, made in the worker so a large analysis never freezes the page. */
export async function packInBackground(snapshot: WorkspaceSnapshot): Promise<Uint8Array> {
  // The parts are copied into the request; the snapshot is not used again.
  const response = await inWorker({ id: 1, type: 'zip', entries: workspaceEntries(snapshot) }, []);
  if (!response.ok) throw new Error(response.error);
  if (!('data' in response)) throw new Error('zip worker: no data');
  return response.data;
}

export async function unpackInBackground(bytes: Uint8Array): Promise<OpenedContainer> {
  const response = await inWorker({ id: 1, type: 'unzip', bytes }, []);
  if (!response.ok) throw unzipFailure(bytes, new Error(response.error));
  if (!('files' in response)) throw new Error('zip worker: no files');
  return readEntries(response.files);
}
