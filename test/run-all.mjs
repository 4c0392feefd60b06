#!/usr/bin/env node
// `npm test`: type check, lint, unit tests (Node, real DuckDB-WASM and native DuckDB), build,
// browser tests (Debian Chromium against `vite preview`). Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cache = path.join(root, '.cache');
mkdirSync(cache, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let passed = 0;
let failed = 0;

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } }).status === 0;
}

function check(name, ok) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAILED: ${name}`);
  }
}

function vitest(project) {
  const out = path.join(cache, `vitest-${project}.json`);
  rmSync(out, { force: true });
  const ok = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    check(`vitest ${project} (no report)`, false);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!ok && report.numFailedTests === 0) check(`vitest ${project} (suite error)`, false);
  if (report.numTotalTests === 0) check(`vitest ${project} ran no test`, false);
}

if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium is missing: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH) and try again.`);
    process.exit(1);
  }
}

check('typecheck', run('npx', ['tsc', '-p', 'tsconfig.json']));
check('lint', run('npx', ['eslint', '.']));
vitest('unit');
const built = run('npx', ['vite', 'build']);
check('build', built);
if (built) vitest('browser');

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
