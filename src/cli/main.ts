import { tmpdir } from 'node:os';
import { analyze } from './analyze.js';
import { defaultMemoryLimit, openNativeDb } from './db/native-connector.js';
import type { SourceRole } from '../core/import/detect.js';
import { ImportProblem } from '../core/import/import-problem.js';
import { problemText } from '../ui/import/describe-error.js';

/** DuckDB ran out of memory: its message, anywhere in the chain of causes. */
function outOfMemory(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (/Out of Memory Error|failed to allocate|could not allocate/i.test(e.message)) return true;
  }
  return false;
}

/** Node's file errors in words: "ENOENT: no such file or directory, stat 'x.csv'" is not for people. */
const FILE_ERRORS: Record<string, (file: string) => string> = {
  ENOENT: (f) => `${f}: filen eller mappen findes ikke`,
  ENOTDIR: (f) => `${f} findes ikke: en del af stien er ikke en mappe`,
  EACCES: (f) => `${f} kan ikke læses eller skrives: ingen adgang`,
  EPERM: (f) => `${f} kan ikke læses eller skrives: ingen adgang`,
  EISDIR: (f) => `${f} er en mappe, ikke en fil`,
  ENOSPC: (f) => `der er ikke plads på disken til ${f}`,
};

function fileReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path: file } = error as NodeJS.ErrnoException;
  return code && file && FILE_ERRORS[code] ? FILE_ERRORS[code](file) : undefined;
}

/** One line, in Danish, for people: a problem in words, else the first line of the error. */
function cliReason(error: unknown, memory: { limit: string; tempDir: string | undefined }): string {
  if (outOfMemory(error)) {
    return `hukommelsen slap op: DuckDB kunne ikke klare sig med ${memory.limit} og midlertidige filer i ${memory.tempDir ?? tmpdir()}; giv mere hukommelse med --memory-limit (fx --memory-limit 8GB) eller en mappe på en disk med mere plads med --temp-dir MAPPE`;
  }
  if (error instanceof ImportProblem) return problemText('da', error);
  const file = fileReason(error);
  if (file) return file;
  const e = error instanceof Error && error.cause instanceof ImportProblem ? error.cause : error;
  if (e instanceof ImportProblem) return problemText('da', e);
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}

const USAGE = `Brug: npm run cli -- analyze FIL... [--ecommerce FIL] [--contracts FIL] [--json UD.json] [--lines LINJER.csv] [--xlsx UD.xlsx] [--workspace UD.overblik] [--accept-learned P] [--memory-limit 2GB] [--temp-dir MAPPE]`;

/** DuckDB's memory sizes: a number and a unit, e.g. 2GB, 500MB, 1.5GiB. */
const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

function parse(args: string[]) {
  const [command, ...rest] = args;
  const files: { path: string; role?: SourceRole }[] = [];
  let json: string | undefined;
  let lines: string | undefined;
  let xlsx: string | undefined;
  let workspace: string | undefined;
  let acceptLearned: number | undefined;
  let memoryLimit: string | undefined;
  let tempDir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (!v) throw new Error(`${a} mangler en værdi`);
      return v;
    };
    if (a === '--json') json = value();
    else if (a === '--lines') lines = value();
    else if (a === '--xlsx') xlsx = value();
    else if (a === '--workspace') workspace = value();
    else if (a === '--accept-learned') {
      acceptLearned = Number(value());
      if (!(acceptLearned >= 0 && acceptLearned <= 1)) throw new Error('--accept-learned skal være et tal fra 0 til 1');
    }
    else if (a === '--memory-limit') {
      memoryLimit = value().trim();
      if (!MEMORY_SIZE.test(memoryLimit) || !(parseFloat(memoryLimit) > 0)) throw new Error('--memory-limit skal være en mængde hukommelse med enhed, fx 2GB eller 500MB');
    }
    else if (a === '--temp-dir') tempDir = value();
    else if (a === '--ecommerce') files.push({ path: value(), role: 'ecommerce' });
    else if (a === '--contracts') files.push({ path: value(), role: 'contracts' });
    else if (a.startsWith('--')) throw new Error(`Ukendt tilvalg ${a}`);
    else files.push({ path: a });
  }
  return { command, files, json, lines, xlsx, workspace, acceptLearned, memoryLimit, tempDir };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.command !== 'analyze' || options.files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  // Always a memory limit and a folder to spill to: beyond the limit DuckDB writes to disk instead
  // of failing (or growing until the system stops it).
  const memory = { limit: options.memoryLimit ?? defaultMemoryLimit(), tempDir: options.tempDir };
  let db: Awaited<ReturnType<typeof openNativeDb>>;
  try {
    db = await openNativeDb(':memory:', { memoryLimit: memory.limit, tempDirectory: memory.tempDir });
  } catch (error) {
    if (process.env.OVERBLIK_DEBUG) console.error(error);
    console.error(`Fejl: DuckDB kunne ikke starte: ${cliReason(error, memory)}`);
    return 1;
  }
  try {
    const result = await analyze(db, options, (line) => console.error(line));
    if (!options.json) console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (error) {
    // One line: the file and what is wrong with it.
    if (process.env.OVERBLIK_DEBUG) console.error(error);
    console.error(`Fejl: ${cliReason(error, memory)}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code));
