import type { Lab09 } from '../../labs/09-testing-before-release/contract.ts';
import type { CheckContext } from '../harness/graded-lab.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { visibleMutants } from './09-testing-before-release.mutants/index.ts';
import { CHECK_TIMEOUT_MS, ensureKills, ensureOffTheNetwork, ensurePassesOnGivenClient, gradeSuite } from './support/lab-09.ts';

const lab = gradedLab<Lab09>('09-testing-before-release');
const grade = (t: CheckContext<Lab09>) => gradeSuite(t, visibleMutants);
const options = { timeoutMs: CHECK_TIMEOUT_MS };

lab.check('passes against the given client', 4, async (t) => ensurePassesOnGivenClient(await grade(t)), { task: 4, ...options, baseline: true });

lab.check('stays off the real network', 4, async (t) => ensureOffTheNetwork(await grade(t), visibleMutants), { task: 1, ...options, baseline: true });

for (const mutant of visibleMutants) {
  lab.check(`catches a client that ${mutant.mistake}`, 6, async (t) => ensureKills(await grade(t), mutant), { ...options, task: 3 });
}
