/**
 * The printed page: A4 portrait, margins, and a footer with the municipality, the date and
 * "Side 1 af 2" in CSS page-margin boxes. Mounted only while the report is shown, so printing
 * another screen is not affected. The texts are CSS strings, so quotes and backslashes are escaped.
 */
const css = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replace(/[\r\n]+/g, ' ')}"`;

export function PageStyle({ footer, page }: { footer: string; page: (n: string, total: string) => string }) {
  // "Side {page} af {pages}" → "Side " counter(page) " af " counter(pages)
  const marker = '\u0000';
  const parts = page(marker + 'page' + marker, marker + 'pages' + marker).split(marker);
  const counter = parts.map((p, i) => (i % 2 === 1 ? `counter(${p})` : p ? css(p) : '')).filter(Boolean).join(' ');
  const box = 'font-family: system-ui, sans-serif; font-size: 8pt; color: #555;';
  return (
    <style>{`@page {
  size: A4 portrait;
  margin: 14mm 14mm 16mm 14mm;
  @bottom-left { content: ${css(footer)}; ${box} }
  @bottom-right { content: ${counter}; ${box} }
}`}</style>
  );
}
