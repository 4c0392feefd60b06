const enc = (s: string) => new TextEncoder().encode(s);
const lines = ['Bilagsnr;Dato;Leverandør;Tekst;Beløb']; for (let i = 0; i < 1_000_000; i++) lines.push(`${i};05-01-2025;Lyreco Danmark A/S;Kuglepenne blå og røde til kontoret ${i};1.234,50`);
const big = enc(lines.join('\r\n') + '\r\n');
function loop(b: Uint8Array) {
  let lf = 0, cr = 0, hi = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 14) { if (c === 10) lf++; else if (c === 13) cr++; }
    else if (c >= 0x80) hi++;
  }
  return lf + cr + hi;
}
function words(b: Uint8Array) {
  const n = b.length >> 2;
  const w = new Uint32Array(b.buffer, b.byteOffset, n);
  let hi = 0;
  for (let i = 0; i < n; i++) if (w[i]! & 0x80808080) hi++;
  return hi;
}
function indexOfCount(b: Uint8Array) {
  let n = 0; for (let at = b.indexOf(10); at >= 0; at = b.indexOf(10, at + 1)) n++; return n;
}
for (let r = 0; r < 3; r++) {
  let t = performance.now(); loop(big); console.log('loop', (performance.now() - t).toFixed(0));
  t = performance.now(); words(big); console.log('words', (performance.now() - t).toFixed(0));
  t = performance.now(); indexOfCount(big); console.log('indexOf LF', (performance.now() - t).toFixed(0));
  t = performance.now(); for (let at = 0; at < big.length; at += 65536) new TextDecoder('utf-8', {fatal: true}).decode(big.subarray(at, at+65536)); console.log('decode chunks', (performance.now() - t).toFixed(0));
  t = performance.now(); Buffer.from(big.buffer).toString('latin1'); console.log('latin1', (performance.now() - t).toFixed(0));
}
