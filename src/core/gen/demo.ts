import type { Manifest } from './manifest.js';
import { FILE_NAMES, type Format, Generation } from './pipeline.js';

/**
 * The built-in demo for the browser: Demo Kommune's invoice CSV (UTF-8 with BOM), e-commerce
 * CSV and contract register, generated in memory. No truth file: the app must never see it.
 */

export interface DemoFile {
  name: string;
  bytes: Uint8Array;
}

export interface DemoFiles {
  files: DemoFile[];
  manifest: Manifest;
}

const DEMO_FORMATS: readonly Format[] = ['csv', 'ecommerce', 'contracts'];

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

export function generateDemoFiles(options: { lines?: number; seed?: string } = {}): DemoFiles {
  const chunks = new Map<string, Uint8Array[]>();
  const generation = new Generation(
    { lines: options.lines ?? 50_000, seed: options.seed ?? 'demo', formats: DEMO_FORMATS },
    (name, bytes) => {
      const list = chunks.get(name) ?? [];
      list.push(bytes);
      chunks.set(name, list);
    },
  );
  const manifest = generation.runAll();
  const files = DEMO_FORMATS.map((f) => FILE_NAMES[f]).map((name) => ({ name, bytes: concat(chunks.get(name) ?? []) }));
  return { files, manifest };
}
