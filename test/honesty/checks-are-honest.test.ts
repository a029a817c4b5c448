import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HonestyResult } from '../../grader/honesty.ts';
import { listLabIds } from '../../grader/lab-manifest.ts';

/**
 * HONESTY_SCOPE=solutions-and-starters leaves the bad clients out: CI runs the whole matrix once
 * (Node 20) and, on a second Node version, only proves solutions pass and starters fail.
 */
const WITH_BAD_CLIENTS = process.env['HONESTY_SCOPE'] !== 'solutions-and-starters';
/** Every lab at once: one parallel run keeps both cores busy while checks wait on the network. */
const MATRIX_TIMEOUT_MS = 15 * 60_000;

let matrix: HonestyResult[] = [];
beforeAll(() => {
  const out = join(mkdtempSync(join(tmpdir(), 'honesty-')), 'matrix.json');
  const scope = WITH_BAD_CLIENTS ? [] : ['--no-bad-clients'];
  // A child process, so the graded checks' own vitest run is not nested in this one.
  execFileSync(process.execPath, ['--import', 'tsx', 'grader/cli/honesty-matrix.ts', '--out', out, ...scope], { stdio: ['ignore', 'ignore', 'inherit'], timeout: MATRIX_TIMEOUT_MS });
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
