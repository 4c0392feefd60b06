import { analyze } from './analyze.js';
import { openNativeDb } from './db/native-connector.js';
import type { SourceRole } from '../core/import/detect.js';
import { ImportProblem } from '../core/import/import-problem.js';
import { problemText } from '../ui/import/describe-error.js';

/** One line, in Danish, for people: a problem in words, else the first line of the error. */
function cliReason(error: unknown): string {
  if (error instanceof ImportProblem) return problemText('da', error);
  const e = error instanceof Error && error.cause instanceof ImportProblem ? error.cause : error;
  if (e instanceof ImportProblem) return problemText('da', e);
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}

const USAGE = `Brug: npm run cli -- analyze FIL... [--ecommerce FIL] [--contracts FIL] [--json UD.json] [--lines LINJER.csv] [--xlsx UD.xlsx] [--workspace UD.overblik] [--accept-learned P]`;

function parse(args: string[]) {
  const [command, ...rest] = args;
  const files: { path: string; role?: SourceRole }[] = [];
  let json: string | undefined;
  let lines: string | undefined;
  let xlsx: string | undefined;
  let workspace: string | undefined;
  let acceptLearned: number | undefined;
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
    else if (a === '--ecommerce') files.push({ path: value(), role: 'ecommerce' });
    else if (a === '--contracts') files.push({ path: value(), role: 'contracts' });
    else if (a.startsWith('--')) throw new Error(`Ukendt tilvalg ${a}`);
    else files.push({ path: a });
  }
  return { command, files, json, lines, xlsx, workspace, acceptLearned };
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
  const db = await openNativeDb();
  try {
    const result = await analyze(db, options, (line) => console.error(line));
    if (!options.json) console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (error) {
    // One line: the file and what is wrong with it.
    if (process.env.OVERBLIK_DEBUG) console.error(error);
    console.error(`Fejl: ${cliReason(error)}`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code));
