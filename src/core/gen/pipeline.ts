import { ECOMMERCE_HEADER, headerRow, orderRow, TRUTH_HEADER, truthRow } from './csv.js';
import { TextChunker } from './encoders.js';
import { FILE_NAMES, FORMATS, type Format, TRUTH_FILE } from './formats.js';
import { generateDocuments } from './generator.js';
import type { ManifestFile, ManifestFor } from './manifest.js';
import { buildManifest } from './manifest-build.js';
import { oioublXml } from './oioubl.js';
import type { GenProfile, ProfileId } from './profile.js';
import { profileFor } from './profiles/index.js';
import { Stats } from './stats.js';
import type { Document } from './types.js';
import { buildWorld, type World } from './world.js';
import { XLSX_MAX_DATA_ROWS, XlsxInvoiceWriter } from './xlsx.js';
import { ZipWriter } from './zip.js';

export { DEFAULT_FORMATS, FILE_NAMES, FORMATS, type Format, MANIFEST_FILE, TRUTH_FILE } from './formats.js';

/**
 * One pass over the generated documents feeds every requested file at once. The pass is
 * synchronous and yields now and then, so a Node caller can wait for its streams to drain and a
 * browser caller can simply run it to the end.
 */

/** Demo Kommune's addressable spend a year; another profile has its own default. */
export const DEFAULT_ANNUAL_SPEND_KR = 1_000_000_000;

/** Documents per OIOUBL zip: under the 65,535 entries a zip without Zip64 can hold. */
const DOCS_PER_ZIP = 60_000;

export interface GenerationOptions<P extends ProfileId = ProfileId> {
  lines: number;
  seed: string;
  /** Which municipality (default `demo`, Demo Kommune). */
  profile?: P;
  /** Default: the profile's default formats. */
  formats?: readonly Format[];
  /** Default: the profile's default (Demo Kommune 1 mia. kr.). */
  annualSpendKr?: number;
  /** Write truth.csv (the CLI does; the browser demo does not). */
  truth?: boolean;
}

export type FileSink = (fileName: string, bytes: Uint8Array) => void;

interface DocSink {
  add(doc: Document): void;
  finish(): void;
}

/** Zip part names: the first keeps the plain name, later ones are numbered. */
export function oioublPartName(part: number): string {
  return part === 1 ? FILE_NAMES['oioubl-zip'] : FILE_NAMES['oioubl-zip'].replace('.zip', `-${part}.zip`);
}

export class Generation<P extends ProfileId = 'demo'> {
  readonly world: World;
  readonly profile: GenProfile;
  readonly stats: Stats;
  readonly formats: readonly Format[];
  private readonly annualSpendKr: number;
  private readonly files: ManifestFile[] = [];
  private truthRows = 0;
  private done = false;

  constructor(
    private readonly options: GenerationOptions<P>,
    private readonly sink: FileSink,
  ) {
    if (!Number.isInteger(options.lines) || options.lines < 1) throw new Error('lines must be a positive whole number');
    this.profile = profileFor(options.profile ?? 'demo');
    this.formats = options.formats ?? this.profile.defaultFormats;
    for (const f of this.formats) {
      if (!FORMATS.includes(f)) throw new Error(`unknown format ${f}`);
      if (!this.profile.formats.includes(f)) {
        throw new Error(`${this.profile.municipality.name} has no ${f} export (its formats: ${this.profile.formats.join(', ')})`);
      }
    }
    if (this.formats.includes('xlsx') && options.lines > XLSX_MAX_DATA_ROWS) {
      throw new Error(`xlsx holds at most ${XLSX_MAX_DATA_ROWS} data rows; asked for ${options.lines} (leave xlsx out of --formats)`);
    }
    this.annualSpendKr = options.annualSpendKr ?? this.profile.defaultAnnualSpendKr;
    this.stats = new Stats(this.profile);
    this.world = buildWorld(options.seed, this.profile);
  }

  /** Runs the generation; yields the number of invoice lines written so far every few hundred documents. */
  *run(): Generator<number> {
    if (this.done) throw new Error('a Generation runs once');
    this.done = true;
    const sinks = this.createSinks();
    let docs = 0;
    for (const doc of generateDocuments(this.world, { lines: this.options.lines, annualSpendKr: this.annualSpendKr })) {
      this.stats.add(doc);
      for (const s of sinks) s.add(doc);
      if (++docs % 256 === 0) yield this.stats.lines;
    }
    for (const s of sinks) s.finish();
    yield this.stats.lines;
  }

  /** Runs to the end without pausing (browser demo, tests). */
  runAll(): ManifestFor<P> {
    const steps = this.run();
    while (!steps.next().done) {
      // Nothing to wait for in memory.
    }
    return this.manifest();
  }

  manifest(): ManifestFor<P> {
    const invoiceFiles = this.formats.filter((f) => f === 'csv' || f === 'csv-dot' || f === 'csv-cp1252' || f === 'xlsx').map((f) => FILE_NAMES[f]);
    return buildManifest({
      world: this.world,
      stats: this.stats,
      lines: this.options.lines,
      annualSpendKr: this.annualSpendKr,
      formats: this.formats,
      files: this.files,
      truth: this.options.truth ? { file: TRUTH_FILE, rows: this.truthRows, invoiceRowsApplyTo: invoiceFiles } : null,
    }) as ManifestFor<P>;
  }

  private textSink(format: Format, header: string, encoding: 'utf8-bom' | 'cp1252', row: (doc: Document, out: TextChunker) => number): DocSink {
    const name = FILE_NAMES[format];
    const out = new TextChunker(encoding, (bytes) => this.sink(name, bytes));
    out.write(header);
    let rows = 0;
    return {
      add: (doc) => {
        rows += row(doc, out);
      },
      finish: () => {
        out.flush();
        this.files.push({ name, format, rows });
      },
    };
  }

  private createSinks(): DocSink[] {
    const sinks: DocSink[] = [];
    const layout = this.profile.invoiceLayout;
    const invoiceHeader = headerRow(layout.header);
    const invoiceCsv = (separator: '-' | '.') => (doc: Document, out: TextChunker): number => {
      if (doc.lines.length === 0) return 0;
      const prefix = layout.prefix(doc, separator);
      for (const line of doc.lines) out.write(layout.row(prefix, doc, line));
      return doc.lines.length;
    };
    for (const format of this.formats) {
      if (format === 'csv') sinks.push(this.textSink(format, invoiceHeader, 'utf8-bom', invoiceCsv('-')));
      else if (format === 'csv-dot') sinks.push(this.textSink(format, invoiceHeader, 'utf8-bom', invoiceCsv('.')));
      else if (format === 'csv-cp1252') sinks.push(this.textSink(format, invoiceHeader, 'cp1252', invoiceCsv('-')));
      else if (format === 'ecommerce') {
        sinks.push(this.textSink(format, headerRow(ECOMMERCE_HEADER), 'utf8-bom', (doc, out) => {
          for (const line of doc.orderLines) out.write(orderRow(doc, line));
          return doc.orderLines.length;
        }));
      } else if (format === 'contracts') sinks.push({ add: () => undefined, finish: () => this.writeContracts() });
      else if (format === 'xlsx') sinks.push(this.xlsxSink());
      else sinks.push(this.oioublSink());
    }
    if (this.options.truth) sinks.push(this.truthSink());
    return sinks;
  }

  private writeContracts(): void {
    const name = FILE_NAMES.contracts;
    const out = new TextChunker('utf8-bom', (bytes) => this.sink(name, bytes));
    out.write(headerRow(this.profile.registerHeader));
    const rows = this.profile.registerRows({ world: this.world, stats: this.stats, annualSpendKr: this.annualSpendKr });
    for (const row of rows) out.write(row);
    out.flush();
    this.files.push({ name, format: 'contracts', rows: rows.length });
  }

  private xlsxSink(): DocSink {
    const name = FILE_NAMES.xlsx;
    const writer = new XlsxInvoiceWriter((bytes) => this.sink(name, bytes), this.options.lines);
    let rows = 0;
    return {
      add: (doc) => {
        writer.addDocument(doc);
        rows += doc.lines.length;
      },
      finish: () => {
        writer.finish();
        this.files.push({ name, format: 'xlsx', rows });
      },
    };
  }

  private oioublSink(): DocSink {
    const utf8 = new TextEncoder();
    const municipality = { name: this.profile.municipality.name, cvr: this.world.municipality.cvr };
    let part = 0;
    let zip: ZipWriter | null = null;
    let inPart = 0;
    const close = () => {
      if (!zip) return;
      zip.end();
      this.files.push({ name: oioublPartName(part), format: 'oioubl-zip', rows: inPart });
      zip = null;
    };
    return {
      add: (doc) => {
        if (doc.lines.length === 0) return;
        if (!zip || inPart >= DOCS_PER_ZIP) {
          close();
          const name = oioublPartName(++part);
          zip = new ZipWriter((bytes) => this.sink(name, bytes));
          inPart = 0;
        }
        const vatFree = this.world.categories.get(doc.categoryId)!.spec.vatFree ?? false;
        zip.add(`${doc.docNo}.xml`, utf8.encode(oioublXml(doc, this.world.seed, municipality, vatFree)));
        inPart++;
      },
      finish: close,
    };
  }

  private truthSink(): DocSink {
    const invoiceFile = FILE_NAMES[this.formats.find((f) => f === 'csv' || f === 'csv-dot' || f === 'csv-cp1252' || f === 'xlsx') ?? 'csv'];
    const withXml = this.formats.includes('oioubl-zip');
    const ecommerce = this.formats.includes('ecommerce');
    const out = new TextChunker('utf8', (bytes) => this.sink(TRUTH_FILE, bytes));
    out.write(TRUTH_HEADER);
    return {
      add: (doc) => {
        for (const line of doc.lines) out.write(truthRow(invoiceFile, line.row, line.categoryId));
        if (withXml) for (const line of doc.lines) out.write(truthRow(`${doc.docNo}.xml`, line.lineNo, line.categoryId));
        if (ecommerce) for (const line of doc.orderLines) out.write(truthRow(FILE_NAMES.ecommerce, line.row, line.categoryId));
        this.truthRows += doc.lines.length * (withXml ? 2 : 1) + (ecommerce ? doc.orderLines.length : 0);
      },
      finish: () => out.flush(),
    };
  }
}
