/**
 * Writes the honesty matrix (solutions, starters, bad clients, all labs) as JSON to --out.
 * Run by test/honesty/ in a child process, so the graded checks' own vitest run is not nested.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { honestyMatrix } from '../honesty.ts';
import { listLabIds, loadLab } from '../lab-manifest.ts';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, 'no-bad-clients': { type: 'boolean' } }, allowPositionals: true });
if (!values.out) {
  console.error('Usage: tsx grader/cli/honesty-matrix.ts --out FILE [--no-bad-clients] [lab ids...]');
  process.exit(2);
}
const labs = (positionals.length > 0 ? positionals : listLabIds()).map((id) => loadLab(id));
const started = Date.now();
const matrix = await honestyMatrix(labs, { badClients: !values['no-bad-clients'] });
writeFileSync(values.out, JSON.stringify({ durationMs: Date.now() - started, matrix }, null, 2));
// vitest marks the process failed when graded checks fail, which is expected here (starters, bad clients).
process.exit(0);
