/**
 * Writes the honesty matrix (solutions, starters, bad clients, hostile code; all labs or those
 * named) as JSON to --out, printing a line to stderr as each target finishes a lab.
 * Run by test/honesty/ in a child process, so the graded checks' own vitest run is not nested.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { honestyMatrix } from '../honesty.ts';
import { listLabIds, loadLab } from '../lab-manifest.ts';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, 'no-bad-clients': { type: 'boolean' }, 'no-hostile': { type: 'boolean' }, quiet: { type: 'boolean' } },
  allowPositionals: true,
});
if (!values.out) {
  console.error('Usage: tsx grader/cli/honesty-matrix.ts --out FILE [--no-bad-clients] [--no-hostile] [--quiet] [lab ids...]');
  process.exit(2);
}
const labs = (positionals.length > 0 ? positionals : listLabIds()).map((id) => loadLab(id));
const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 1000);
const matrix = await honestyMatrix(labs, {
  badClients: !values['no-bad-clients'],
  // HONESTY_HOSTILE=0 (bench:grading) leaves the hostile fixtures out too.
  hostile: !values['no-hostile'] && process.env['HONESTY_HOSTILE'] !== '0',
  onProgress: (done, total, target, lab) => {
    if (!values.quiet) process.stderr.write(`  honesty ${String(done).padStart(3)}/${total}  ${lab.id}  ${target}: ${lab.points}/${lab.maxPoints}  (${seconds()} s)\n`);
  },
});
writeFileSync(values.out, JSON.stringify({ durationMs: Date.now() - started, matrix }, null, 2));
// vitest marks the process failed when graded checks fail, which is expected here (starters, bad clients).
process.exit(0);
