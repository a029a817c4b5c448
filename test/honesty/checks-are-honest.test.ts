import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HonestyResult } from '../../grader/honesty.ts';
import { listLabIds, loadLab } from '../../grader/lab-manifest.ts';
import { labTasks } from '../../grader/lab-tasks.ts';
import { summarise } from '../../grader/report.ts';

/**
 * What the matrix grades. `npm test`: solutions, starters and the hostile fixtures, in a few
 * minutes. `npm run test:honesty` (HONESTY_SCOPE=full): every bad client too. CI on a second Node
 * version: HONESTY_SCOPE=solutions-and-starters.
 */
const SCOPE = process.env['HONESTY_SCOPE'] ?? 'default';
const WITH_BAD_CLIENTS = SCOPE === 'full';
const WITH_HOSTILE = SCOPE !== 'solutions-and-starters';
/** Every lab at once: one parallel run keeps both cores busy while checks wait on the network. */
const MATRIX_TIMEOUT_MS = 15 * 60_000;

/** Secrets the grading machine holds while the matrix runs; hostile code hunts for them. */
const PLANTED_SECRETS = {
  VENDOR_ADMIN_TOKEN: 'acme_admin_planted_0f3c9d2e7b1a4c58',
  LAB_VENDOR_ADMIN_TOKEN: 'acme_admin_planted_remote_77aa01bc',
  CI_DEPLOY_KEY: 'ci_deploy_planted_5e6f7a8b9c0d1e2f',
};

let matrix: HonestyResult[] = [];
beforeAll(() => {
  const out = join(mkdtempSync(join(tmpdir(), 'honesty-')), 'matrix.json');
  const scope = [...(WITH_BAD_CLIENTS ? [] : ['--no-bad-clients']), ...(WITH_HOSTILE ? [] : ['--no-hostile'])];
  // A child process, so the graded checks' own vitest run is not nested in this one.
  execFileSync(process.execPath, ['--import', 'tsx', 'grader/cli/honesty-matrix.ts', '--out', out, ...scope], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: MATRIX_TIMEOUT_MS,
    env: { ...process.env, ...PLANTED_SECRETS },
  });
  matrix = (JSON.parse(readFileSync(out, 'utf8')) as { matrix: HonestyResult[] }).matrix;
}, MATRIX_TIMEOUT_MS + 10_000);

const failed = (status: string) => status !== 'passed';

/**
 * The graded checks are only worth trusting if they can fail and can pass: every solution earns
 * full marks, every pristine starter fails each check not marked baseline, and every check is
 * failed by at least one deliberately bad client. The learner's own work in labs/NN/src is never
 * judged here, so `npm test` stays green while labs are in progress.
 */
describe.each(listLabIds())('lab %s', (labId) => {
  const result = () => {
    const found = matrix.find((r) => r.lab === labId);
    expect(found, `no honesty result for ${labId}`).toBeDefined();
    return found!;
  };

  it('its solution earns full marks', () => {
    const { solution } = result();
    const notPassed = solution.checks.filter((c) => failed(c.status)).map((c) => `${c.title}: ${c.feedback}`);
    expect(notPassed).toEqual([]);
    expect(solution.maxPoints).toBeGreaterThan(0);
    expect(solution.score).toBe(100);
  });

  it('grades every task its README states, or says what a person reads for instead', () => {
    const { solution } = result();
    const graded = new Set(solution.checks.flatMap((c) => c.tasks));
    const reviewed = Object.keys(loadLab(labId).reviewedByAPerson).map(Number);
    const tasks = labTasks(labId);
    expect(tasks.length).toBeGreaterThan(0);
    const untraced = tasks.filter((task) => !graded.has(task.number) && !reviewed.includes(task.number)).map((task) => `${task.number}. ${task.title}`);
    expect(untraced, 'README tasks no check grades: give a check `task: N`, or add a note to "reviewedByAPerson" in lab.json').toEqual([]);
    const unknown = solution.checks.filter((c) => c.tasks.length === 0 || c.tasks.some((n) => !tasks.some((task) => task.number === n))).map((c) => `${c.title}: ${c.tasks}`);
    expect(unknown, 'checks tagged with no task, or one the README does not have').toEqual([]);
  });

  it('names essentials that are real checks, and the solution meets them', () => {
    const { solution } = result();
    const essentials = loadLab(labId).essentials;
    expect(essentials.length).toBeGreaterThan(0);
    expect(essentials.filter((title) => !solution.checks.some((c) => c.title === title))).toEqual([]);
    expect(solution.essentials?.missed).toEqual([]);
  });

  it('its pristine starter fails every check not marked baseline', () => {
    const { starter } = result();
    expect(starter.checks.length).toBeGreaterThan(0);
    const passedWithoutWork = starter.checks.filter((c) => !c.baseline && c.status === 'passed').map((c) => c.title);
    expect(passedWithoutWork).toEqual([]);
  });

  it.runIf(WITH_BAD_CLIENTS)('each of its checks is failed by at least one bad client', () => {
    const { solution, badClients } = result();
    expect(badClients.length).toBeGreaterThan(0);
    const uncaught = solution.checks
      .map((c) => c.title)
      .filter((title) => !badClients.some((bad) => bad.report.checks.some((c) => c.title === title && failed(c.status))));
    expect(uncaught, 'checks that no bad client fails cannot tell good code from bad').toEqual([]);
  });

  it.runIf(WITH_BAD_CLIENTS)('each of its bad clients is caught by at least one check', () => {
    const uncaught = result()
      .badClients.filter((bad) => bad.report.checks.every((c) => c.status === 'passed'))
      .map((bad) => bad.name);
    expect(uncaught).toEqual([]);
  });
});

/**
 * Code that attacks the grader (patched builtins, a patched harness, exit, endless loops, memory,
 * fake output, strange throws, secrets read from the machine) earns no more than the lab's
 * untouched starter, and every check still reports.
 */
describe.runIf(WITH_HOSTILE).each(listLabIds().filter((id) => existsSync(join('test/fixtures/hostile', id))))('hostile code for lab %s', (labId) => {
  const result = () => matrix.find((r) => r.lab === labId)!;

  it('scores at most what its behaviour earns (the starter, or the honest twin it is built on), on every check reported', () => {
    const { starter, hostile, honestTwin } = result();
    expect(hostile.length).toBeGreaterThan(0);
    for (const { name, report, ceiling } of hostile) {
      const earned = ceiling === 'twin' ? honestTwin! : starter;
      expect(report.checks.length, `${name}: every check reports`).toBe(starter.checks.length);
      expect(report.points, `${name} scored ${report.points}; its behaviour earns ${earned.points} (${ceiling})`).toBeLessThanOrEqual(earned.points);
      const forged = report.checks.filter((c) => c.status === 'passed' && earned.checks.find((e) => e.title === c.title)?.status !== 'passed').map((c) => c.title);
      expect(forged, `${name} passed checks its behaviour does not pass`).toEqual([]);
    }
  });
});

describe.runIf(WITH_HOSTILE)('secrets of the grading machine', () => {
  it('appear in no report format, whatever the code under test printed or threw', async () => {
    const { REPORTERS } = await import('../../grader/reporters/index.ts');
    const reports = matrix.flatMap((r) => r.hostile.map((h) => summarise(`hostile:${h.name}`, [h.report], 0)));
    expect(reports.length).toBeGreaterThan(0);
    const rendered = [JSON.stringify(matrix), ...reports.flatMap((report) => Object.values(REPORTERS).map((reporter) => reporter.format(report)))].join('\n');
    for (const secret of Object.values(PLANTED_SECRETS)) expect(rendered.includes(secret), 'a planted secret reached a report').toBe(false);
  });
});
