import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeTarget } from '../../grader/run-checks.ts';
import type { LabReport } from '../../grader/report.ts';

/**
 * A grade must not depend on the grading machine's time zone. Lab 06 parses dates, and its lab.json
 * names the zones its checks run in; this grades its solution and a bad client that reads
 * DD/MM/YYYY as local midnight with the grading process on UTC and on Europe/Berlin, and expects
 * the same verdict for every check.
 */
const LAB = '06-data-mapping';
const MACHINE_ZONES = ['UTC', 'Europe/Berlin'];
const TARGETS: GradeTarget[] = [
  { name: 'solution', env: { LAB_TARGET: 'solutions' } },
  { name: 'local-midnight', env: { LAB_MODULE: `test/fixtures/bad-clients/${LAB}/day-first-dates-at-local-midnight.ts` } },
];
const TIMEOUT_MS = 3 * 60_000;

/** Runs in a child process, so the graded checks' own vitest run is not nested in this one. Vitest sets each project's env (TZ too) on its worker before the harness runs. */
const GRADE = `
import { loadLab } from './grader/lab-manifest.ts';
import { runChecks } from './grader/run-checks.ts';
const lab = loadLab(process.env.ZONE_LAB);
const runs = JSON.parse(process.env.ZONE_TARGETS).map((target) => ({ target, lab }));
const results = await runChecks({ runs, includeHidden: true, maxWorkers: 2 });
process.stdout.write(JSON.stringify(Object.fromEntries(results)));
`;

const withZone = (target: GradeTarget, zone: string): GradeTarget => ({ name: `${target.name} @ ${zone}`, env: { ...target.env, TZ: zone } });

let reports: Record<string, LabReport[]> = {};
beforeAll(() => {
  const targets = TARGETS.flatMap((target) => MACHINE_ZONES.map((zone) => withZone(target, zone)));
  // Its exit code says a graded check failed, which the bad client must; the reports say the rest.
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', GRADE], {
    env: { ...process.env, ZONE_LAB: LAB, ZONE_TARGETS: JSON.stringify(targets) },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    timeout: TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (run.error) throw run.error;
  reports = JSON.parse(run.stdout) as Record<string, LabReport[]>;
}, TIMEOUT_MS + 10_000);

const verdicts = (target: string, zone: string) => {
  const report = reports[`${target} @ ${zone}`]?.find((r) => r.id === LAB);
  expect(report?.error, `${target} with the grading process on ${zone} was not graded`).toBeUndefined();
  expect(report!.checks.length).toBeGreaterThan(0);
  return Object.fromEntries(report!.checks.map((c) => [c.title, c.status]));
};

describe(`lab ${LAB} graded with the grading process on ${MACHINE_ZONES.join(' and on ')}`, () => {
  it.each(TARGETS.map((t) => t.name))('gives %s the same verdict on every check', (target) => {
    const [first, ...others] = MACHINE_ZONES.map((zone) => verdicts(target, zone));
    for (const other of others) expect(other).toEqual(first);
  });

  it('still tells them apart: the solution passes every check, the local-midnight client fails some', () => {
    for (const zone of MACHINE_ZONES) {
      expect(Object.values(verdicts('solution', zone)).every((s) => s === 'passed'), `solution on ${zone}`).toBe(true);
      expect(Object.values(verdicts('local-midnight', zone)).some((s) => s !== 'passed'), `local-midnight client on ${zone}`).toBe(true);
    }
  });
});
