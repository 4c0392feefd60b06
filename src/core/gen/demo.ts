import type { ManifestFor } from './manifest.js';
import { FILE_NAMES, Generation } from './pipeline.js';
import type { ProfileId } from './profile.js';
import { profileFor } from './profiles/index.js';

/**
 * The built-in demo for the browser: a municipality's invoice CSV, its other default files
 * (Demo Kommune: e-commerce CSV and contract register; Fjordby: the register), generated in
 * memory. No truth file: the app must never see it.
 */

export interface DemoFile {
  name: string;
  bytes: Uint8Array;
}

export interface DemoFiles<M = ManifestFor<'demo'>> {
  files: DemoFile[];
  manifest: M;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

export function generateDemoFiles<P extends ProfileId = 'demo'>(options: { lines?: number; seed?: string; profile?: P } = {}): DemoFiles<ManifestFor<P>> {
  const chunks = new Map<string, Uint8Array[]>();
  const formats = profileFor(options.profile ?? 'demo').defaultFormats;
  const generation = new Generation<P>(
    { lines: options.lines ?? 50_000, seed: options.seed ?? 'demo', profile: options.profile, formats },
    (name, bytes) => {
      const list = chunks.get(name) ?? [];
      list.push(bytes);
      chunks.set(name, list);
    },
  );
  const manifest = generation.runAll();
  const files = formats.map((f) => FILE_NAMES[f]).map((name) => ({ name, bytes: concat(chunks.get(name) ?? []) }));
  return { files, manifest };
}
