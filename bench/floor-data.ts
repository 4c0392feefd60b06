import { createWriteStream } from 'node:fs';

/**
 * A minimal Danish-format invoice CSV for the floor measurement: ';', decimal comma, '.' as
 * thousands separator, dd-mm-yyyy, UTF-8 with BOM, CRLF. Deterministic for a given line count.
 */
export async function writeFloorCsv(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('\uFEFFBilagsnr;Fakturadato;Bogføringsdato;CVR-nr;Leverandør;Omkostningssted;EAN;Art;Konto;Tekst;Antal;Enhedspris;Beløb;Valuta;Ordrenr\r\n');
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const kr = (ore: number) => {
    const sign = ore < 0 ? '-' : '';
    const abs = Math.abs(ore);
    const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${sign}${whole},${String(abs % 100).padStart(2, '0')}`;
  };
  let chunk = '';
  for (let i = 1; i <= lines; i++) {
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    const supplier = Math.floor(rand() * 1500);
    const ore = Math.floor(rand() * rand() * 5_000_000) * (rand() < 0.02 ? -1 : 1);
    const date = `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-2025`;
    chunk += `${100000 + Math.floor(i / 3)};${date};${date};${10000000 + supplier * 7};Leverandør ${supplier} ApS;Enhed ${supplier % 25};579800000${String(supplier % 25).padStart(4, '0')};2.9;00.32.31-2.9;Varekøb nr. ${i};1;${kr(ore)};${kr(ore)};DKK;\r\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
