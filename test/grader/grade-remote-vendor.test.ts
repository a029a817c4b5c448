import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeReport } from '../../grader/report.ts';
import { startVendor, type RunningVendor } from '../../mock-vendor/server.ts';

const ADMIN_TOKEN = 'remote-grading-admin-token-0123456789';

/** The grade CLI in a child process, awaited without blocking: the vendor it grades against answers from this one. */
function grade(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'grader/cli/grade.ts', ...args], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, VENDOR_ADMIN_TOKEN: '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

let vendor: RunningVendor;
const created: string[] = [];
/** Set to make the vendor fail every tenant it is asked for, as a vendor in trouble would. */
let outOfOrder = false;
beforeAll(async () => {
  vendor = await startVendor({ adminToken: ADMIN_TOKEN, log: () => {} });
  const create = vendor.vendor.createTenant.bind(vendor.vendor);
  vendor.vendor.createTenant = (input, options) => {
    if (outOfOrder) throw new Error('the tenant store is out of order');
    created.push(input?.scenario ?? '(default)');
    return create(input, options);
  };
});
afterAll(() => vendor?.close());

describe('npm run grade -- --vendor URL: graded checks against a vendor in another process', () => {
  it("grades solutions to full marks and starters to their baseline points only with a grading key, and leaves the vendor's tenants as it found them", { timeout: 240_000 }, async () => {
    // A grading key, as a classroom's grader holds: it creates and deletes only its own tenants.
    const { gradingKey } = vendor.vendor.adminKeys.createGradingKey();
    const remote = ['--vendor', vendor.url, '--admin-token', gradingKey, '--reporter', 'json'];
    // A sample with the clock, breaker, webhook and paging checks; the container suite grades all ten labs this way.
    const [solutions, starters] = await Promise.all([grade(['01', '05', '08', '--target', 'solutions', ...remote]), grade(['01', '02', '--target', 'starters', ...remote])]);

    expect(solutions.code, solutions.stderr).toBe(0);
    const graded = (JSON.parse(solutions.stdout) as GradeReport).labs;
    expect(graded.map((lab) => lab.id)).toEqual(['01-first-integration', '05-lean-release', '08-sync-vs-async']);
    for (const solved of graded) {
      expect(solved.checks.filter((c) => c.status !== 'passed').map((c) => `${solved.id}: ${c.title}: ${c.feedback}`)).toEqual([]);
      expect(solved.checks.some((c) => c.hidden)).toBe(true);
      expect(solved.score).toBe(100);
    }

    expect(starters.code, starters.stderr).toBe(1);
    for (const started of (JSON.parse(starters.stdout) as GradeReport).labs) {
      const baselinePoints = started.checks.filter((c) => c.baseline).reduce((sum, c) => sum + c.maxPoints, 0);
      expect(started.checks.filter((c) => !c.baseline && c.status === 'passed').map((c) => `${started.id}: ${c.title}`)).toEqual([]);
      expect(started.points).toBeLessThanOrEqual(baselinePoints);
      expect(started.points).toBeLessThan(started.maxPoints);
    }

    // Every check (and the extra tenants some checks ask for) got its tenant from this vendor, on its lab's scenario, and gave it back.
    expect(created.length).toBeGreaterThanOrEqual(graded.reduce((n, lab) => n + lab.checks.length, 0));
    expect([...new Set(created)]).toEqual(expect.arrayContaining(graded.map((lab) => lab.id)));
    expect(vendor.vendor.tenants()).toEqual([]);
  });

  it('answers a bad URL, a vendor that does not answer and a refused admin token with exit code 2 and what to do', { timeout: 60_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [['--vendor', 'localhost:4010', '--admin-token', ADMIN_TOKEN], /is not an http\(s\) URL.*--vendor http:\/\/127\.0\.0\.1:4010/],
      [['--vendor', 'http://127.0.0.1:1', '--admin-token', ADMIN_TOKEN], /No vendor answers at http:\/\/127\.0\.0\.1:1 .*Start it/],
      [['--vendor', vendor.url, '--admin-token', 'not-the-admin-token-0123'], /refused that key \(401\)\. Use a grading key it made, or the VENDOR_ADMIN_TOKEN it was started with/],
      [['--vendor', vendor.url, '--admin-token', vendor.vendor.createTenant({ name: 'a learner' }).tenantKey], /That is a learner's tenant key.*Use a grading key/],
      [['--vendor', vendor.url, '--submissions', 'grade-out'], /Leave out one of them/],
    ];
    const runs = await Promise.all(cases.map(([args]) => grade(['01', '--target', 'solutions', ...args])));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(' ')).toBe(2);
      expect(run.stderr).toMatch(cases[i]![1]);
    });
    const fromEnv = await grade(['01', '--target', 'solutions', '--vendor', vendor.url, '--reporter', 'json', '--no-hidden'], { VENDOR_ADMIN_TOKEN: 'also-not-the-admin-token-01' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('refused that key');
  });

  it('reports a lab not graded (exit 3), never a score of 0, when the vendor cannot make the tenants its checks need', { timeout: 240_000 }, async () => {
    const { gradingKey } = vendor.vendor.adminKeys.createGradingKey();
    outOfOrder = true;
    try {
      const run = await grade(['01', '--target', 'solutions', '--no-hidden', '--vendor', vendor.url, '--admin-token', gradingKey, '--reporter', 'json']);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/Not graded, for a reason outside the code: 01-first-integration/);
      const report = JSON.parse(run.stdout) as GradeReport;
      expect(report.notGraded).toEqual(['01-first-integration']);
      expect(report.maxPoints).toBe(0);
      expect(report.labs[0]!.notGraded).toMatch(/Acme CRM could not make a tenant for this check .*not the code under test/);
      expect(new Set(report.labs[0]!.checks.map((c) => c.status))).toEqual(new Set(['not-graded']));
    } finally {
      outOfOrder = false;
    }
  });
});
