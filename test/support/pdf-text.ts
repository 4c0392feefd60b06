import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF (PDF.js, an independent reader), for tests on printed output. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

/** Text without white space and with ligatures (ﬁ) spelled out, so line breaks and glyphs in the PDF do not matter. */
export const squash = (text: string) => text.normalize('NFKC').replace(/[\s\u00a0\u202f\u2009]+/g, '');

/** The pages on which every one of the texts appears (an empty list: no single page holds them all). */
export function pagesHolding(pages: readonly string[], texts: readonly string[]): number[] {
  const wanted = texts.map(squash).filter(Boolean);
  return pages.flatMap((p, i) => (wanted.every((w) => squash(p).includes(w)) ? [i + 1] : []));
}
