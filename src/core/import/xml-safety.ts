/**
 * XML from outside is read without a DOCTYPE: a document type declaration is where entity
 * definitions live, and with them the "billion laughs" expansion and external entities that
 * read files or URLs. Invoices and spreadsheet parts never need one, so its presence refuses the
 * document. A declaration can only stand before the root element, so only that prolog is searched.
 */
export class XmlDoctypeError extends Error {
  override name = 'XmlDoctypeError';
  constructor(readonly line: number) {
    super(`DOCTYPE i linje ${line}`);
  }
}

/** The 1-based line of a DOCTYPE or ENTITY declaration before the root element, or null. */
export function doctypeLine(text: string): number | null {
  const root = /<[A-Za-z_]/.exec(text);
  const prolog = root ? text.slice(0, root.index) : text.slice(0, 1 << 20);
  const m = /<!(DOCTYPE|ENTITY)/i.exec(prolog);
  if (!m) return null;
  let line = 1;
  for (let i = prolog.indexOf('\n'); i >= 0 && i < m.index; i = prolog.indexOf('\n', i + 1)) line++;
  return line;
}

export function refuseDoctype(text: string): void {
  const line = doctypeLine(text);
  if (line !== null) throw new XmlDoctypeError(line);
}
