import type { Lab09 } from '../../labs/09-testing-before-release/contract.ts';
import type { CheckContext } from '../harness/graded-lab.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { hiddenMutants } from './09-testing-before-release.hidden.mutants/index.ts';
import { CHECK_TIMEOUT_MS, ensureKills, gradeSuite } from './support/lab-09.ts';

const lab = gradedLab<Lab09>('09-testing-before-release');
const grade = (t: CheckContext<Lab09>) => gradeSuite(t, hiddenMutants);

for (const mutant of hiddenMutants) {
  lab.check(`catches a client that ${mutant.mistake}`, 4, async (t) => ensureKills(await grade(t), mutant), { task: 3, timeoutMs: CHECK_TIMEOUT_MS });
}
