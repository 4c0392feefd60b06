import { scanText, byteChunks } from '../src/core/import/csv/text-scan.js';
const enc = (s: string) => new TextEncoder().encode(s);
const show = async (name: string, b: Uint8Array, size = 3) => { const s = await scanText(byteChunks(b, size)); console.log(name, JSON.stringify(s)); };
await show('lf', enc('a;b\n1;2\n\n3;4\n'));
await show('crlf', enc('a;b\r\n1;2\r\n\r\n3;4'));
await show('cr', enc('a;b\r1;2\r\r3;4\r'));
await show('mixed', enc('a;b\r\n1;2\n3;4\r5;6'));
await show('utf8 æ', enc('a;bæøå\n1;2\n'));
const bad = enc('a;bæ\n1;2\nx#y\n'); bad[bad.indexOf(35)] = 0x92;
await show('utf8 + bad', bad);
await show('cp1252', Uint8Array.from('a;b\nÆrø;2\nå;3\n', (c) => c.charCodeAt(0)));
const u16 = new Uint8Array([0xff, 0xfe, ...Array.from('a;b\r\n1;2\r\n').flatMap((c) => [c.charCodeAt(0), 0])]);
await show('utf16', u16);
await show('empty', new Uint8Array(0));
// perf
const lines = ['Bilagsnr;Dato;Leverandør;Tekst;Beløb']; for (let i = 0; i < 1_000_000; i++) lines.push(`${i};05-01-2025;Lyreco Danmark A/S;Kuglepenne blå og røde til kontoret ${i};1.234,50`);
const big = enc(lines.join('\r\n') + '\r\n');
let t = performance.now(); const s = await scanText(byteChunks(big, 65536)); console.log('1M', big.length, (performance.now() - t).toFixed(0), 'ms', s.encoding, s.lines, s.endings);
t = performance.now(); new TextDecoder('utf-8', {fatal: true}).decode(big); console.log('one decode', (performance.now() - t).toFixed(0));
for (const size of [65536, 1 << 20, 1 << 30]) { t = performance.now(); await scanText(byteChunks(big, size)); console.log('size', size, (performance.now() - t).toFixed(0)); }
for (const size of [65536, 1 << 20, 1 << 30]) { t = performance.now(); await scanText(byteChunks(big, size)); console.log('size', size, (performance.now() - t).toFixed(0)); }
