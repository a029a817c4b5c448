/**
 * npm run grade -- [01 04 ...] [--target labs|solutions|DIR] [--reporter pretty|json|junit|markdown|exercism]
 *                  [--out DIR] [--min-score 0-100] [--seed N] [--no-hidden] [--takehome FILE]
 * npm run grade -- --submissions DIR [--out DIR] [--candidate-timeout SECONDS] [--shard K/N] [--regrade PREVIOUS_OUT] [--no-rerun]
 * npm run grade -- merge OUT1 OUT2 ... --out FINAL   (the shards of one batch: grader/submissions/merge-cli.ts)
 * A returned take-home folder (--target) and every folder in --submissions are graded in a separate
 * process each (grader/submissions/); see docs/take-homes.md for what that isolates and what not.
 * --isolate grades each of them in its own container instead (grader/isolate/, docs/containers.md).
 * --vendor URL [--admin-token KEY] grades against a vendor running elsewhere (a classroom's, a
 * container) instead of one started in-process, with its admin token or a grading key.
 * Exit code: 0 when the score reaches --min-score (default: every check passed), 1 otherwise, 2 on a usage error,
 * 3 when a lab or candidate was not graded for a reason outside the code under test (grade it again).
 * A batch (--submissions) exits 0 whatever the candidates scored: 2 on a usage error, 3 as above.
 */
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { grade, UsageError } from '../grade.ts';
import { remoteVendor, type RemoteVendor } from '../remote-vendor.ts';
import { deadVendorNote, probeEnvVendor } from '../dot-env.ts';
import { recordGrade } from '../progress.ts';
import { essentialsAreMet, type GradeReport } from '../report.ts';
import { readRecord, seedsOf } from '../takehome/record.ts';
import { REPORTERS } from '../reporters/index.ts';
import { EXIT_NOT_GRADED } from '../exit-codes.ts';

if (process.argv[2] === 'merge') {
  const merge = await import('../submissions/merge-cli.ts').catch(() => undefined);
  if (!merge) {
    console.error('\nmerge combines the shards of a batch: run it from the full Integration Lab project, not from inside a take-home bundle.\n');
    process.exit(2);
  }
  await new Promise(() => {}); // merge-cli.ts exits with its own code
}

const program = new Command('grade')
  .description('Grade labs: runs their checks against your code (or a target) and prints a score.')
  .argument('[labs...]', 'lab ids or numbers, e.g. 01 04 (default: all labs)')
  .option('--target <target>', 'labs (your work), solutions, starters, or a folder of NN-slug/ submissions', 'labs')
  .option('--reporter <names>', 'pretty, json, junit, markdown, exercism (comma-separated for several)', 'pretty')
  .option('--out <dir>', 'write report files here instead of printing them')
  .option('--min-score <percent>', 'exit 0 when the score is at least this (default: all checks must pass)', parsePercent)
  .option('--require-essentials', "exit 1 unless every lab's essential checks pass (with --min-score: both must hold)")
  .option('--seed <n>', 'scenario seed for every lab (default: each scenario\'s own)', parseSeed)
  .option('--no-hidden', 'skip hidden checks (what a take-home candidate can run)')
  .option('--takehome <file>', "the takehome.json you kept: its labs and seeds (default for a returned folder: yours from .takehomes/)")
  .option('--submissions <dir>', 'grade every candidate folder inside DIR; writes summary.md and summary.csv to --out (default grade-out/submissions)')
  .option('--shard <K/N>', 'grade only the K-th of N shares of --submissions (K from 0 to N-1, like JOB_COMPLETION_INDEX); merge the shares with: npm run grade -- merge OUT...')
  .option('--regrade <previous-out>', "with --submissions: compare with that earlier --out folder and write regrade.md: whose score or essentials changed, check by check")
  .option('--no-rerun', 'with --submissions: do not run failed checks a second time (by default a check that fails, then passes, is marked unstable and counts as passed)')
  .option('--candidate-timeout <seconds>', 'time bound per candidate for returned folders and --submissions', parseSeconds, 600)
  .option('--lab-timeout <seconds>', 'wall-time limit per lab (default: the sum of its checks\' own limits); past it the lab reports why and the others keep their scores', parseSeconds)
  .option('--vendor <url>', 'grade against the vendor at this URL (a classroom vendor, a container) instead of an in-process one')
  .option('--admin-token <key>', "a grading key of that vendor, or its admin token (default: VENDOR_ADMIN_TOKEN from the environment or .env)")
  .option('--isolate', 'grade each submission in its own container: no network, read-only files, memory/CPU/time limits (needs Docker and the grader image: scripts/image-build.sh grader)')
  .addOption(new Option('--report-fd <fd>', 'write the JSON report to this file descriptor (used by the submission runner)').argParser(Number).hideHelp())
  .addOption(new Option('--only-checks <json>', 'grade only these checks: {"lab id": ["check title", ...]} (the batch\'s rerun of failed checks)').argParser(parseOnlyChecks).hideHelp())
  .option('--workers <n>', 'test files graded at once (default 4: checks mostly wait, so more than the cores pays)', parseWorkers)
  .addHelpText('after', '\nMerge the shards of a batch (--shard K/N) into one summary:\n  npm run grade -- merge OUT1 OUT2 ... --out FINAL   (npm run grade -- merge --help)\n\nExit codes: 0 passed (a batch: every candidate graded), 1 below --min-score or essentials missed, 2 usage error, 3 not graded for a reason outside the code (grade again).\n')
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

function parseOnlyChecks(value: string): Record<string, string[]> {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed && typeof parsed === 'object' && Object.values(parsed).every((titles) => Array.isArray(titles) && titles.every((t) => typeof t === 'string'))) return parsed as Record<string, string[]>;
  } catch {
    // falls through to the usage error
  }
  throw new InvalidArgumentError('give a JSON object of lab id to check titles.');
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new InvalidArgumentError('give a whole number from 1 to 32, e.g. --workers 2.');
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('give a number of seconds, e.g. --candidate-timeout 300.');
  return n;
}

try {
  program.parse();
} catch (error) {
  process.exit((error as { exitCode?: number }).exitCode === 0 ? 0 : 2);
}

const options = program.opts<{
  target: string; reporter: string; out?: string; minScore?: number; seed?: number; hidden: boolean;
  takehome?: string; submissions?: string; candidateTimeout: number; reportFd?: number; isolate?: boolean;
  vendor?: string; adminToken?: string; labTimeout?: number; requireEssentials?: boolean;
  onlyChecks?: Record<string, string[]>; workers?: number; shard?: string; regrade?: string; rerun: boolean;
}>();
const reporterNames = options.reporter.split(',').map((name) => name.trim());
const unknown = reporterNames.filter((name) => !(name in REPORTERS));
if (unknown.length > 0) {
  console.error(`\nUnknown reporter "${unknown.join('", "')}". Use one of: ${Object.keys(REPORTERS).join(', ')}.\n`);
  process.exit(2);
}

const progress = (text: string) => process.stderr.write(text);
const untrusted = { labs: program.args, includeHidden: options.hidden, timeoutMs: options.candidateTimeout * 1000 };
if (options.isolate && ['solutions', 'starters'].includes(options.target) && !options.submissions) {
  console.error(`\n--isolate grades submissions: give --target DIR (a returned folder), --target labs (your own work) or --submissions DIR.\n`);
  process.exit(2);
}
if (options.vendor && (options.isolate || options.submissions)) {
  console.error(`\n--vendor grades in this process against that vendor; --isolate and --submissions grade each candidate apart, against its own vendor. Leave out one of them.\n`);
  process.exit(2);
}
let vendor: RemoteVendor | undefined;
if (options.vendor) {
  try {
    vendor = await remoteVendor(options.vendor, options.adminToken);
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(2);
  }
}
const isolation = options.isolate ? await import('../isolate/container-runner.ts') : undefined;
if (isolation) {
  try {
    await isolation.assertIsolationReady();
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(2);
  }
}
const runner = isolation ? { runner: isolation.containerRunner() } : {};

if (options.submissions) {
  const batch = await import('../submissions/cli.ts').catch(() => undefined);
  if (!batch) {
    console.error('\n--submissions grades candidates from the full Integration Lab project, not from inside a take-home bundle.\n');
    process.exit(2);
  }
  const { gradeSubmissionsFolder, batchSetup } = batch;
  const out = options.out ?? 'grade-out/submissions';
  let setup;
  try {
    setup = batchSetup({ ...options, submissions: options.submissions });
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(2);
  }
  progress(`Grading ${setup.shard ? `shard ${setup.shard.index}/${setup.shard.count} of the candidates` : 'every candidate'} in ${options.submissions} (at most ${options.candidateTimeout} s each)\n`);
  const run = await gradeSubmissionsFolder(options.submissions, out, { ...untrusted, ...runner, ...(options.takehome ? { takehomeFile: options.takehome } : {}), ...setup.command });
  if (setup.previous) setup.regrade(out, run.results);
  process.exit(run.notGraded.length > 0 ? EXIT_NOT_GRADED : 0);
}
if (options.shard || options.regrade) {
  console.error(`\n--shard and --regrade work on a batch: add --submissions DIR.\n`);
  process.exit(2);
}

let report: GradeReport;
try {
  const folder = (!['labs', 'solutions', 'starters'].includes(options.target) || (isolation && options.target === 'labs')) && existsSync(options.target) && statSync(options.target).isDirectory();
  const returned = folder && options.reportFd === undefined ? await import('../submissions/cli.ts').catch(() => undefined) : undefined;
  if (returned && (isolation || returned.isReturnedTakehome(options.target))) {
    if (vendor) throw new UsageError('A returned take-home is graded in a separate process, against its own in-process vendor. Leave out --vendor.');
    progress(`Grading ${isolation ? '' : 'the returned take-home '}${options.target} in ${isolation ? 'a container' : 'a separate process'} (at most ${options.candidateTimeout} s)\n`);
    const result = await returned.gradeReturnedFolder(options.target, { ...untrusted, ...runner, ...(options.takehome ? { takehomeFile: options.takehome } : {}) });
    if (!result.report) process.exit(1);
    report = result.report;
  } else {
    const record = options.takehome ? readRecord(options.takehome) : undefined;
    progress(`Grading ${program.args.length ? program.args.join(' ') : record ? record.labs.map((l) => l.id).join(' ') : 'all labs'} (target: ${options.target}${vendor ? `, vendor: ${vendor.url}` : ''})\n`);
    report = await grade({
      labs: program.args.length > 0 || !record ? program.args : record.labs.map((l) => l.id),
      target: options.target,
      includeHidden: options.hidden,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(record ? { seeds: seedsOf(record) } : {}),
      ...(vendor ? { vendor } : {}),
      ...(options.labTimeout !== undefined ? { labTimeoutMs: options.labTimeout * 1000 } : {}),
      ...(options.onlyChecks ? { onlyChecks: options.onlyChecks } : {}),
      ...(options.workers ? { workers: options.workers } : {}),
      onLabDone: (lab) => progress(`  ${lab.id}: ${lab.points}/${lab.maxPoints} (${lab.score}%) in ${(lab.durationMs / 1000).toFixed(1)} s\n`),
    });
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`\n${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

if (options.target === 'labs' && options.reportFd === undefined) for (const lab of report.labs) recordGrade(lab);

if (options.reportFd !== undefined) {
  const stream = createWriteStream('', { fd: options.reportFd });
  await new Promise<void>((done) => stream.end(JSON.stringify(report), () => done()));
  process.exit(0);
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
// --require-essentials alone asks only for the essentials; with --min-score, for both.
const scoreOk = options.minScore !== undefined ? report.score >= options.minScore : report.maxPoints > 0 && (options.requireEssentials || allPassed);
const ok = scoreOk && (!options.requireEssentials || report.essentialsMet);
if (options.requireEssentials && !report.essentialsMet) {
  const missed = report.labs.filter((lab) => !essentialsAreMet(lab)).map((lab) => `${lab.id}: ${lab.essentials?.missed.join('; ') || lab.error || 'not graded'}`);
  progress(`Essentials missed (--require-essentials), so the exit code is 1. Start with these checks' feedback:\n${missed.map((line) => `  - ${line}\n`).join('')}`);
}
if (options.target === 'labs' && !options.vendor && options.reportFd === undefined) {
  const note = deadVendorNote(await probeEnvVendor());
  if (note) progress(`\n${note}\n`);
}
if (report.notGraded) progress(`Not graded, for a reason outside the code: ${report.notGraded.join(', ')}. Grade ${report.notGraded.length > 1 ? 'them' : 'it'} again; the exit code is ${EXIT_NOT_GRADED}.\n`);
process.exitCode = report.notGraded ? EXIT_NOT_GRADED : ok ? 0 : 1;
// A run cut short at a wall limit leaves vitest's workers behind: end them with the process, once the report is out.
if (report.labs.some((lab) => lab.stopped === 'wall-limit')) process.stdout.write('', () => process.exit());
