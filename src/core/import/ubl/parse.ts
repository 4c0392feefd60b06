import { ImportProblem } from '../import-problem.js';
import type { ParsedTable } from '../parsed-table.js';
import { XmlDoctypeError } from '../xml-safety.js';
import { checkZipBounds, readEntry, readZipDirectory } from '../zip.js';
import { decodeXml, isUblRoot, rootElement } from './decode.js';
import { isUblKind, readUblDocument, UBL_COLUMNS, type UblRow } from './document.js';
import { reconcile } from './reconcile.js';
import { parseXml, XmlSyntaxError } from './xml-tree.js';
import type { FormatReason } from '../format-error.js';
import { UblFormatError } from './errors.js';

/** Turns UBL files, loose or zipped, into one ParsedTable with per-row origin. */

export interface UblFile {
  name: string;
  bytes: Uint8Array;
}

export { UblFormatError };

function notUbl(name: string, why: string, reason: FormatReason): Error {
  return new UblFormatError(`${name} er ikke en OIOUBL/Peppol-faktura eller kreditnota (${why})`, reason);
}

class TableBuilder {
  private readonly columns: (string | null)[][] = UBL_COLUMNS.map(() => []);
  private readonly files: string[] = [];
  private readonly rows: number[] = [];
  readonly warnings: string[] = [];
  documents = 0;

  /** Parses one document; throws (adding nothing) when it is not a readable UBL document. */
  add(name: string, bytes: Uint8Array): void {
    const decoded = decodeXml(name, bytes);
    let parsed: ReturnType<typeof parseXml>;
    try {
      parsed = parseXml(decoded.text);
    } catch (e) {
      if (e instanceof XmlSyntaxError) {
        throw notUbl(name, e.message, e.line === null ? { code: 'ubl_xml_root', params: { name } } : { code: 'ubl_xml', params: { name, line: e.line, detail: e.what } });
      }
      if (e instanceof XmlDoctypeError) throw new ImportProblem('xml_doctype', name, { line: e.line });
      throw e;
    }
    const root = rootElement(decoded.text);
    if (!isUblKind(parsed.name)) throw notUbl(name, `rodelement: ${parsed.name}`, { code: 'ubl_root', params: { name, root: parsed.name } });
    if (!isUblRoot(root)) {
      throw notUbl(name, `rodelement: ${parsed.name} i navnerummet ${root?.namespace ?? '?'}`, { code: 'ubl_root_namespace', params: { name, root: parsed.name, namespace: root?.namespace ?? '?' } });
    }
    const doc = readUblDocument(name, parsed.name, parsed.root);
    if (decoded.warning) this.warnings.push(decoded.warning);
    this.warnings.push(...doc.warnings, ...reconcile(name, doc.totals));
    doc.rows.forEach((row, i) => this.push(row, name, i + 1));
    this.documents++;
  }

  private push(row: UblRow, file: string, line: number): void {
    UBL_COLUMNS.forEach((column, c) => this.columns[c]?.push(row[column]));
    this.files.push(file);
    this.rows.push(line);
  }

  finish(): ParsedTable {
    return {
      headers: [...UBL_COLUMNS],
      columns: this.columns,
      rowCount: this.rows.length,
      origin: { file: this.files, row: this.rows },
      warnings: this.warnings,
    };
  }
}

/**
 * Parses files the user picked one by one. Strict: a file that is not an invoice or credit note
 * throws, because the user chose it and should hear about it rather than find it missing.
 */
export function parseUblDocuments(files: readonly UblFile[]): ParsedTable {
  const table = new TableBuilder();
  for (const file of files) table.add(file.name, file.bytes);
  return table.finish();
}

function isJunk(path: string): boolean {
  // Folders, and the resource-fork copies macOS puts in every ZIP it makes ('._faktura.xml').
  const base = path.slice(path.lastIndexOf('/') + 1);
  return path.endsWith('/') || path.startsWith('__MACOSX/') || path.includes('/__MACOSX/') || base.startsWith('._');
}

/**
 * Parses every .xml entry of a ZIP (an ERP's invoice export). Lenient: an entry that cannot be
 * read is skipped with a warning naming it, so one bad file does not block a thousand good ones.
 */
export function parseUblZip(name: string, bytes: Uint8Array): ParsedTable {
  const directory = readZipDirectory(bytes);
  if (directory === null) throw new UblFormatError(`${name} er ikke en gyldig ZIP-fil (ingen ZIP-indholdsfortegnelse)`, { code: 'ubl_zip', params: { name } });
  // Before anything is inflated: too many entries, or sizes a real export never has, refuse the file.
  checkZipBounds(name, directory);
  const table = new TableBuilder();
  let skipped = 0;
  let failed = 0;
  for (const entry of directory.values()) {
    // Entry names are shown and stored as text only; nothing is ever written under them.
    if (isJunk(entry.name)) continue;
    if (!/\.xml$/i.test(entry.name)) {
      skipped++;
      table.warnings.push(`${name}: ${entry.name} er ikke en XML-fil og er sprunget over`);
      continue;
    }
    try {
      table.add(entry.name, readEntry(bytes, entry));
    } catch (e) {
      failed++;
      const why = e instanceof ImportProblem ? `${entry.name} har en DOCTYPE-erklæring (linje ${e.params.line}); af sikkerhedshensyn` : e instanceof Error ? e.message : String(e);
      table.warnings.push(`${why} og er sprunget over`);
    }
  }
  if (table.documents === 0) {
    const left = failed + skipped;
    const why = left > 0 ? `; ${left} filer sprunget over` : '';
    throw new UblFormatError(
      `${name} indeholder ingen OIOUBL/Peppol-fakturaer eller kreditnotaer${why}`,
      left > 0 ? { code: 'ubl_none_skipped', params: { name, n: left } } : { code: 'ubl_none', params: { name } },
    );
  }
  return table.finish();
}
