import { prepareData } from '../src/core/import/csv/text-io.js';
const H = 'Leverandør;Dato;Beløb;Tekst';
const b = new Uint8Array([0xff, 0xfe, ...Array.from(`${H}\r\nÆrø;05-01-2025;100,00;x\r\n`).flatMap((ch) => [ch.charCodeAt(0) & 255, ch.charCodeAt(0) >> 8])]);
const out = await prepareData(b, { encoding: 'utf-16le', normaliseNewlines: false });
console.log(JSON.stringify(new TextDecoder().decode(out)));
