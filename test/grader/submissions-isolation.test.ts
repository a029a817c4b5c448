import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import { gradeSubmissions, listCandidates } from '../../grader/submissions/batch.ts';
import { childProcessRunner } from '../../grader/submissions/child-process-runner.ts';
import type { CandidateResult } from '../../grader/submissions/runner.ts';

/**
 * What the default (child-process) runner claims, against hostile submissions in
 * test/fixtures/submissions/: a crash and a hang do not stop the batch, and the graded code sees
 * none of the grading process's secrets nor the project around its working folder.
 * Two layers stop a hang: the sandbox stops code that loops at its load deadline (the candidate is
 * graded, 0 points, with the reason), and the candidate's process bound is the backstop for anything
 * else (tried here with a bound shorter than the load deadline).
 * A few minutes: run with `npm run test:takehome` (skipped in `npm test`).
 */
/** Generous: grading start-up alone takes 20 to 60 s on a loaded machine, and a loop at import costs the 30 s load deadline per test file. */
const BOUND_MS = 240_000;
/** Shorter than the sandbox's 30 s load deadline, so only the process bound can stop the hang. */
const BACKSTOP_MS = 15_000;
const SECRETS = { VENDOR_ADMIN_TOKEN: 'sentinel-admin-token-5e4d3c2b1a', INTERVIEWER_API_KEY: 'sentinel-api-key-9a8b7c6d' };

describe.runIf(process.env['TAKEHOME_E2E'] === '1')('grading untrusted submissions (child-process runner)', () => {
  let results: CandidateResult[];
  let backstopped: CandidateResult;
  const saved = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, SECRETS);
    const candidates = listCandidates(join(REPO_ROOT, 'test', 'fixtures', 'submissions'));
    results = await gradeSubmissions(candidates, { runner: childProcessRunner, labs: ['01'], includeHidden: false, timeoutMs: BOUND_MS });
    const hangs = candidates.filter((c) => c.name === 'b-hangs-forever');
    backstopped = (await gradeSubmissions(hangs, { runner: childProcessRunner, labs: ['01'], includeHidden: false, timeoutMs: BACKSTOP_MS }))[0]!;
  }, 900_000);
  afterAll(() => {
    for (const name of Object.keys(SECRETS)) if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  });

  it('records a submission that kills its grader as not graded (grader crashed), never a 0, and goes on', () => {
    const crashed = results.find((r) => r.candidate === 'a-crashes-the-grader')!;
    expect(crashed.status).toBe('not-graded');
    expect(crashed.notGraded).toBe('grader-crashed');
    expect(crashed.report).toBeUndefined();
    expect(crashed.message).toMatch(/SIGKILL|exited with code/);
  });

  it('grades a submission whose code never returns at 0, saying why, and goes on', () => {
    const hung = results.find((r) => r.candidate === 'b-hangs-forever')!;
    expect(hung.status).toBe('graded');
    expect(hung.report!.points).toBe(0);
    const lab = hung.report!.labs[0]!;
    // Said once for the lab when every check failed the same way, else on each check.
    const feedback = [lab.error ?? '', ...lab.checks.map((c) => c.feedback)].join('\n');
    expect(feedback).toMatch(/did not finish within 30 s: a loop that never yields/);
  });

  it('stops a candidate at its process bound when nothing inside stopped it first', () => {
    expect(backstopped.status).toBe('not-graded');
    expect(backstopped.notGraded).toBe('time-bound');
    expect(backstopped.durationMs).toBeGreaterThanOrEqual(BACKSTOP_MS);
    expect(backstopped.durationMs).toBeLessThan(BACKSTOP_MS + 30_000);
  });

  it('grades the next candidate, whose code saw no secret, only its own scratch HOME, and no project files beside it', () => {
    const curious = results.find((r) => r.candidate === 'c-reads-the-environment')!;
    expect(curious.status).toBe('graded');
    const text = JSON.stringify(curious.report);
    for (const value of Object.values(SECRETS)) expect(text.includes(value)).toBe(false);
    const probe = JSON.parse(/PROBE (\{.*?\}) PROBE/.exec(curious.report!.labs[0]!.checks.find((c) => c.feedback.includes('PROBE'))!.feedback)![1]!);
    expect(probe.adminToken).toBeNull();
    expect(probe.otherSecret).toBeNull();
    expect(probe.envNames.filter((name: string) => /TOKEN|SECRET|KEY|PASSWORD/.test(name))).toEqual([]);
    expect(probe.home).toMatch(/integration-lab-grade-[^/]+\/scratch$/);
    expect(probe.cwdEntries).toEqual(['labs', 'node_modules', 'scratch']);
    expect(probe.questionsBesideCwd).toBe(false);
    expect(probe.hiddenChecksBesideCwd).toBe(false);
  });
});
