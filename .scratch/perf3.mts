import { readFileSync } from 'node:fs';
import { scanData } from '../src/core/import/csv/text-io.js';
const bytes = new Uint8Array(readFileSync('/tmp/g1m/fakturalinjer.csv'));
for (let i = 0; i < 5; i++) { const t = performance.now(); const s = await scanData(bytes); console.log('scan', Math.round(performance.now() - t), s.lines, s.utf8Multibyte, s.encoding); }
function loop(b: Uint8Array) { let x = 0; for (let i = 0; i < b.length; i++) { const c = b[i]!; if (c >= 0x20 && c < 0x80) continue; x++; } return x; }
for (let i = 0; i < 3; i++) { const t = performance.now(); loop(bytes); console.log('plain loop', Math.round(performance.now() - t)); }
for (let i = 0; i < 3; i++) { const t = performance.now(); new TextDecoder('utf-8', { fatal: true }).decode(bytes); console.log('TextDecoder', Math.round(performance.now() - t)); }
