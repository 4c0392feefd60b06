import { unzip, zip, type Unzipped } from 'fflate';
import { isWorkspaceEntry, readEntries, unzipFailure, workspaceEntries, type OpenedContainer, type WorkspaceSnapshot } from '../../core/workspace/file/index.js';

/**
 * The ZIP made and read in fflate's workers (one per entry), so a large analysis never freezes
 * the page. fflate starts its workers from blob: URLs, which the CSP allows (worker-src blob:).
 */
export function packInBackground(snapshot: WorkspaceSnapshot): Promise<Uint8Array> {
  return new Promise((resolve, reject) => zip(workspaceEntries(snapshot), (error, data) => (error ? reject(error) : resolve(data))));
}

export function unpackInBackground(bytes: Uint8Array): Promise<OpenedContainer> {
  return new Promise<Unzipped>((resolve, reject) =>
    unzip(bytes, { filter: (f) => isWorkspaceEntry(f.name) }, (error, entries) => (error ? reject(error) : resolve(entries))),
  ).then(readEntries, (error: unknown) => {
    throw unzipFailure(bytes, error);
  });
}
