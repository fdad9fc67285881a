// `npm run analyze -- FILE.json` (or `-` for stdin): prints the analysis as JSON; exit 2 on bad input.
import { readFileSync } from "node:fs";
import { runAnalysisRequest } from "./request";

function main(argv: readonly string[]): number {
  const source = argv[0];
  if (argv.length !== 1 || source === undefined) {
    process.stderr.write("usage: analyze FILE.json | -\n");
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(source === "-" ? 0 : source, "utf8");
  } catch (error) {
    process.stderr.write(`cannot read ${source}: ${(error as Error).message}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`invalid JSON: ${(error as Error).message}\n`);
    return 2;
  }
  const outcome = runAnalysisRequest(json);
  if (!outcome.ok) {
    process.stderr.write(`${outcome.error}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(outcome.result, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
