/**
 * npm run grade -- merge OUT1 OUT2 ... --out FINAL
 * npm run grade -- merge PARENT --out FINAL     (PARENT holds the shards' --out folders)
 * [--regrade PREVIOUS_OUT]: then compare with an earlier batch's output (regrade.md), as --submissions does
 * Merges the outputs of `npm run grade -- --submissions DIR --shard K/N --out OUTK` into the summary.md,
 * summary.csv, candidates/ and sources/ one unsharded run writes. Exit code: 0 merged, 2 when a shard is
 * missing, repeated or from another batch (nothing is written), 3 when a candidate was not graded.
 */
import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { BatchOutputError, readBatchOutput } from './batch-output.ts';
import { writeRegrade } from './regrade.ts';
import { mergeShards } from './merge.ts';

const program = new Command('npm run grade -- merge')
  .description("Merge the shards of a batch (--shard K/N) into one summary, as if graded on one machine.")
  .argument('<folders...>', "each shard's --out folder, or one folder that holds them")
  .requiredOption('--out <dir>', 'where to write the merged summary.md, summary.csv, candidates/ and sources/')
  .option('--regrade <previous-out>', "compare with that earlier batch's --out folder and write regrade.md: whose score or essentials changed, check by check")
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`\n${text.trim()}\nRun "npm run grade -- merge --help" for usage.\n\n`) });

try {
  program.parse(process.argv.slice(3), { from: 'user' });
} catch (error) {
  process.exit((error as { exitCode?: number }).exitCode === 0 ? 0 : 2);
}
const { out, regrade } = program.opts<{ out: string; regrade?: string }>();
try {
  const previous = regrade ? readBatchOutput(regrade).results : undefined;
  const results = await mergeShards(program.args, out);
  if (previous) {
    const changes = writeRegrade(resolve(out), regrade!, previous, results);
    process.stderr.write(`Regrade: ${changes.length} of ${results.length} candidate(s) changed score or essentials since ${regrade}: ${join(resolve(out), 'regrade.md')}\n`);
  }
  const notGraded = results.filter((r) => r.status === 'not-graded' || r.report?.notGraded).map((r) => r.candidate);
  process.stderr.write(`Merged ${results.length} candidate(s) into ${out}/summary.md and summary.csv.\n`);
  if (notGraded.length > 0) process.stderr.write(`Not graded, for a reason outside their code: ${notGraded.join(', ')}. Grade their shard again, then merge; the exit code is 3.\n`);
  process.exit(notGraded.length > 0 ? 3 : 0);
} catch (error) {
  if (!(error instanceof BatchOutputError)) throw error;
  process.stderr.write(`\nNothing was merged: ${error.message}\n\n`);
  process.exit(2);
}
