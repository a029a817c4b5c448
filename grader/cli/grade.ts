/**
 * npm run grade -- [01 04 ...] [--target labs|solutions|DIR] [--reporter pretty|json|junit|markdown|exercism]
 *                  [--out DIR] [--min-score 0-100] [--seed N] [--no-hidden]
 * Exit code: 0 when the score reaches --min-score (default: every check passed), 1 otherwise, 2 on a usage error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { grade, UsageError } from '../grade.ts';
import { REPORTERS } from '../reporters/index.ts';

const program = new Command('grade')
  .description('Grade labs: runs their checks against your code (or a target) and prints a score.')
  .argument('[labs...]', 'lab ids or numbers, e.g. 01 04 (default: all labs)')
  .option('--target <target>', 'labs (your work), solutions, starters, or a folder of NN-slug/ submissions', 'labs')
  .option('--reporter <names>', 'pretty, json, junit, markdown, exercism (comma-separated for several)', 'pretty')
  .option('--out <dir>', 'write report files here instead of printing them')
  .option('--min-score <percent>', 'exit 0 when the score is at least this (default: all checks must pass)', parsePercent)
  .option('--seed <n>', 'scenario seed for every lab (default: each scenario\'s own)', parseSeed)
  .option('--no-hidden', 'skip hidden checks (what a take-home candidate can run)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`\n${text.trim()}\nRun "npm run grade -- --help" for usage.\n\n`) });

function parsePercent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('give a number from 0 to 100, e.g. --min-score 80.');
  return n;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('give a whole number, e.g. --seed 12345.');
  return n;
}

try {
  program.parse();
} catch (error) {
  process.exit((error as { exitCode?: number }).exitCode === 0 ? 0 : 2);
}

const options = program.opts<{ target: string; reporter: string; out?: string; minScore?: number; seed?: number; hidden: boolean }>();
const reporterNames = options.reporter.split(',').map((name) => name.trim());
const unknown = reporterNames.filter((name) => !(name in REPORTERS));
if (unknown.length > 0) {
  console.error(`\nUnknown reporter "${unknown.join('", "')}". Use one of: ${Object.keys(REPORTERS).join(', ')}.\n`);
  process.exit(2);
}

const progress = (text: string) => process.stderr.write(text);
progress(`Grading ${program.args.length ? program.args.join(' ') : 'all labs'} (target: ${options.target})\n`);

let report;
try {
  report = await grade({
    labs: program.args,
    target: options.target,
    includeHidden: options.hidden,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    onLabDone: (lab) => progress(`  ${lab.id}: ${lab.points}/${lab.maxPoints} (${lab.score}%) in ${(lab.durationMs / 1000).toFixed(1)} s\n`),
  });
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`\n${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

progress('\n');
for (const name of reporterNames) {
  const reporter = REPORTERS[name]!;
  const text = reporter.format(report);
  if (options.out) {
    const dir = resolve(options.out);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, reporter.file), text);
    progress(`Wrote ${join(dir, reporter.file)}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

const allPassed = report.labs.every((lab) => !lab.error && lab.checks.every((check) => check.status === 'passed'));
const ok = options.minScore === undefined ? allPassed && report.maxPoints > 0 : report.score >= options.minScore;
process.exitCode = ok ? 0 : 1;
