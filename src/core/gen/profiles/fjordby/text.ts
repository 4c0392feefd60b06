import { civilFromDays } from '../../calendar.js';
import { typo, type TextInput } from '../../text.js';

/**
 * How Fjordby's suppliers' systems write a line text. Unlike Demo Kommune's suppliers, some put
 * their own invoice or order number in front ("Fakt. 44120 – ...", "Ordre 7781: ..."), some a
 * delivery date after ("..., lev. 12.03"), an old system cuts at 32 characters, and a few
 * suppliers never fill the text at all (their style's `emptyText` near 1; see names.ts).
 */

const TYPO_SHARE = 0.015;
const SEMICOLON_SHARE = 0.002;
/** How often a decorating supplier's system actually adds its decoration to a line. */
const DECORATION_SHARE = 0.7;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function fjordbyInvoiceText(input: TextInput): string {
  const { rng, style } = input;
  if (!input.keepWhole && rng.chance(style.emptyText ?? 0.02)) return '';
  let text = input.base;
  if (rng.chance(TYPO_SHARE)) text = typo(rng, text);
  if (style.decoration && rng.chance(DECORATION_SHARE)) {
    if (style.decoration === 'invoice-no') text = `Fakt. ${rng.int(10000, 99999)} – ${text}`;
    else if (style.decoration === 'order-no') text = `Ordre ${rng.int(1000, 9999)}: ${text}`;
    else {
      const { month, day } = civilFromDays(input.day - rng.int(0, 6));
      text = `${text}, lev. ${pad2(day)}.${pad2(month)}`;
    }
  }
  if (input.credit) {
    const r = rng.next();
    if (r < 0.35) text = `Kreditnota – ${text}`;
    else if (r < 0.55) text = `${text} (krediteret)`;
  }
  if (style.upperText) text = text.toUpperCase();
  const cut = style.truncateAt ?? 0;
  if (cut > 0 && !input.keepWhole && text.length > cut) text = text.slice(0, cut).trimEnd();
  if (rng.chance(SEMICOLON_SHARE)) text = `${text}; se bilag`;
  return text;
}
