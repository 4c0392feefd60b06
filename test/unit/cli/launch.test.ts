import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LAUNCH = path.join(ROOT, 'src/cli/launch.mjs');
const BUNDLE = path.join(ROOT, 'node_modules/.cache/overblik-cli/main.mjs');
const INPUTS = path.join(ROOT, 'node_modules/.cache/overblik-cli/inputs.json');

const usage = () => spawnSync(process.execPath, [LAUNCH], { cwd: ROOT, encoding: 'utf8' });
const builtAt = () => (JSON.parse(readFileSync(INPUTS, 'utf8')) as { started: number }).started;

describe('npm run cli runs a bundle of the sources', () => {
  it('is built once, and again after a source it was built from changes', async () => {
    const first = usage();
    // No command: the usage text and exit code 2, from the bundle.
    expect(first.status).toBe(2);
    expect(first.stderr).toContain('Brug: npm run cli -- analyze');
    const inputs = (JSON.parse(readFileSync(INPUTS, 'utf8')) as { inputs: string[] }).inputs;
    expect(inputs).toContain('src/cli/main.ts');
    expect(inputs).toContain('src/core/classify/learned.ts');
    const built = builtAt();
    const bundled = statSync(BUNDLE).mtimeMs;

    // Nothing changed: not built again.
    expect(usage().status).toBe(2);
    expect(builtAt()).toBe(built);
    expect(statSync(BUNDLE).mtimeMs).toBe(bundled);

    // A source saved after the build (same content, a newer time): built again before it runs.
    await new Promise((r) => setTimeout(r, 20));
    const source = path.join(ROOT, 'src/core/classify/learned.ts');
    const now = new Date();
    utimesSync(source, now, now);
    expect(usage().status).toBe(2);
    expect(builtAt()).toBeGreaterThanOrEqual(now.getTime());
  }, 60_000);
});
