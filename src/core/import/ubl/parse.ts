import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { ParsedTable } from '../parsed-table.js';
import { decodeXml, isUblRoot, rootElement } from './decode.js';
import { isUblKind, readUblDocument, UBL_COLUMNS, type UblRow } from './document.js';
import { reconcile } from './reconcile.js';
import { parseXml, XmlSyntaxError } from './xml-tree.js';

/** Turns UBL files, loose or zipped, into one ParsedTable with per-row origin. */

export interface UblFile {
  name: string;
  bytes: Uint8Array;
}

function notUbl(name: string, why: string): Error {
  return new Error(`${name} er ikke en OIOUBL/Peppol-faktura eller kreditnota (${why})`);
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
      if (e instanceof XmlSyntaxError) throw notUbl(name, e.message);
      throw e;
    }
    const root = rootElement(decoded.text);
    if (!isUblKind(parsed.name)) throw notUbl(name, `rodelement: ${parsed.name}`);
    if (!isUblRoot(root)) throw notUbl(name, `rodelement: ${parsed.name} i navnerummet ${root?.namespace ?? '?'}`);
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
  const skipped: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    // The filter runs before inflating, so skipped entries cost nothing.
    entries = unzipSync(bytes, {
      filter: (info: UnzipFileInfo) => {
        if (isJunk(info.name)) return false;
        if (/\.xml$/i.test(info.name)) return true;
        skipped.push(`${name}: ${info.name} er ikke en XML-fil og er sprunget over`);
        return false;
      },
    });
  } catch (e) {
    throw new Error(`${name} er ikke en gyldig ZIP-fil (${e instanceof Error ? e.message : String(e)})`);
  }
  const table = new TableBuilder();
  table.warnings.push(...skipped);
  let failed = 0;
  for (const [path, data] of Object.entries(entries)) {
    try {
      table.add(path, data);
    } catch (e) {
      failed++;
      table.warnings.push(`${e instanceof Error ? e.message : String(e)} og er sprunget over`);
    }
  }
  if (table.documents === 0) {
    const why = failed + skipped.length > 0 ? `; ${failed + skipped.length} filer sprunget over` : '';
    throw new Error(`${name} indeholder ingen OIOUBL/Peppol-fakturaer eller kreditnotaer${why}`);
  }
  return table.finish();
}
