import { planImport } from '../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../src/core/import/sources.js';
const H = 'Leverandør;Dato;Beløb;Tekst';
const b = new Uint8Array([0xff, 0xfe, ...Array.from(`${H}\r\nÆrø;05-01-2025;100,00;x\r\n`).flatMap((ch) => [ch.charCodeAt(0) & 255, ch.charCodeAt(0) >> 8])]);
const plan = await planImport(bytesSource('u.csv', b), {} as Parsers);
console.log(JSON.stringify({ ...plan, text: { ...plan.text, scan: { ...plan.text!.scan } } }, null, 1).slice(0, 2000));
