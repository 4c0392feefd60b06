import type { Unzipped, Zippable } from 'fflate';

/** Messages between the page and zip.worker.ts (one shared definition for both ends). */
export type ZipRequest = { id: number; type: 'zip'; entries: Zippable } | { id: number; type: 'unzip'; bytes: Uint8Array };

export type ZipResponse =
  | { id: number; ok: true; data: Uint8Array }
  | { id: number; ok: true; files: Unzipped }
  | { id: number; ok: false; error: string };
