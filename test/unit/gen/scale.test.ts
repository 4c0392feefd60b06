import { describe, expect, it } from 'vitest';
import { FILE_NAMES, Generation, generateDemoFiles } from '../../../src/core/gen/index.js';

/** Larger runs work and stay streaming. No timing assertions: performance is measured by the bench. */
describe('scale', () => {
  it('generates 100k lines in chunks, never as one giant buffer', () => {
    const sizes = new Map<string, number>();
    let largestChunk = 0;
    const generation = new Generation({ lines: 100_000, seed: 'scale', formats: ['csv', 'ecommerce', 'contracts'], truth: true }, (name, bytes) => {
      sizes.set(name, (sizes.get(name) ?? 0) + bytes.length);
      largestChunk = Math.max(largestChunk, bytes.length);
    });
    let pauses = 0;
    for (const written of generation.run()) {
      expect(written).toBeLessThanOrEqual(100_000);
      pauses++;
    }
    const manifest = generation.manifest();
    expect(pauses).toBeGreaterThan(100);
    expect(manifest.totals.invoiceLines).toBe(100_000);
    expect(manifest.files.find((f) => f.name === FILE_NAMES.csv)?.rows).toBe(100_000);
    expect(sizes.get(FILE_NAMES.csv)).toBeGreaterThan(10_000_000);
    // Text is encoded about once a megabyte (a UTF-8 chunk is at most a few bytes per character).
    expect(largestChunk).toBeLessThan(4 << 20);
    expect(manifest.totals.addressableSpendDkk / 2).toBeGreaterThan(0.8e9);
    expect(manifest.totals.addressableSpendDkk / 2).toBeLessThan(1.3e9);
    // Agreements take 97 % of most categories' spend, so the tail is drawn less often than the universe holds.
    expect(manifest.totals.suppliers).toBeGreaterThan(1000);
  });

  it('builds the browser demo in memory: invoice CSV with BOM, e-commerce and contracts', () => {
    const { files, manifest } = generateDemoFiles({ lines: 50_000, seed: 'demo' });
    expect(files.map((f) => f.name)).toEqual([FILE_NAMES.csv, FILE_NAMES.ecommerce, FILE_NAMES.contracts]);
    for (const f of files) expect([f.bytes[0], f.bytes[1], f.bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
    expect(manifest.totals.invoiceLines).toBe(50_000);
    expect(manifest.truth).toBeNull();
    expect(files.some((f) => f.name.includes('truth'))).toBe(false);
  });
});
