import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab, REPO_ROOT } from '../../grader/lab-manifest.ts';
import { judgeEssentials, labReport, summarise, type CheckResult } from '../../grader/report.ts';
import { readBatchOutput } from '../../grader/submissions/batch-output.ts';
import { gradeSubmissionsFolder } from '../../grader/submissions/cli.ts';
import { mergeShards } from '../../grader/submissions/merge.ts';
import { compareBatches, regradeMarkdown } from '../../grader/submissions/regrade.ts';
import type { CandidateResult, RunnerOptions, SubmissionRunner } from '../../grader/submissions/runner.ts';
import { parseShard, shareOf } from '../../grader/submissions/shard.ts';

const work = mkdtempSync(join(tmpdir(), 'batch-shards-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LAB = '01-first-integration';
const lab = loadLab(LAB);
const NAMES = ['ada', 'Bea', 'cy', 'Émile', 'dot', 'eve', 'fin', 'gus', 'hal'];

/** Candidates whose first letter decides what they get right; `flaky-*` fail a check on the first run only. */
function makeSubmissions(names: readonly string[]): string {
  const dir = mkdtempSync(join(work, 'subs-'));
  for (const name of names) {
    const source = name.startsWith('copy') ? join(REPO_ROOT, 'solutions', LAB) : join(REPO_ROOT, 'labs', LAB, 'starter');
    cpSync(source, join(dir, name, LAB), { recursive: true });
    writeFileSync(join(dir, name, LAB, 'index.ts'), `${readFileSync(join(source, 'index.ts'), 'utf8')}\n// ${name}\n`);
  }
  return dir;
}

const TITLES = ['first check', 'second check', 'third check'];

/** A runner that grades by name, the same every time (but for flaky ones), so outputs can be compared exactly. */
function fakeRunner(calls: { candidate: string; options: RunnerOptions }[] = []): SubmissionRunner {
  const runs = new Map<string, number>();
  return async (candidate, options) => {
    calls.push({ candidate: candidate.name, options });
    const run = (runs.get(candidate.name) ?? 0) + 1;
    runs.set(candidate.name, run);
    if (candidate.name.startsWith('crash')) return { candidate: candidate.name, status: 'not-graded', notGraded: 'grader-crashed', durationMs: 5, message: 'The grader was killed by SIGKILL before reporting.', notes: [] };
    const passes = (title: string, i: number) =>
      candidate.name.startsWith('flaky') ? run > 1 || i > 0 : candidate.name.codePointAt(0)! % 3 > i;
    const titles = options.onlyChecks?.[LAB] ?? TITLES;
    const checks: CheckResult[] = titles.map((title) => {
      const passed = passes(title, TITLES.indexOf(title));
      return { title, points: passed ? 4 : 0, maxPoints: 4, status: passed ? 'passed' : 'failed', hidden: false, baseline: false, feedback: passed ? '' : `run ${run}: ${title} saw the wrong thing`, tasks: [1], durationMs: 1 };
    });
    const report = labReport({ id: LAB, title: lab.title, seed: 101, durationMs: 10, checks, essentials: judgeEssentials(['first check'], checks) });
    return { candidate: candidate.name, status: 'graded', durationMs: 10, report: summarise(candidate.dir, [report], 10), notes: [] };
  };
}

const quiet = { labs: [LAB], includeHidden: false, timeoutMs: 60_000 };
/** Timing is the one thing two runs may differ in. */
const withoutTiming = (text: string) => text.replace(/graded \d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'graded (time)').replace(/\| [\d.]+ s \|/g, '| (s) |');
const csvWithoutTiming = (text: string) => text.split('\n').map((line) => line.split(',').filter((_, i) => i !== 8).join(',')).join('\n');

describe('a batch in shards', () => {
  it('cuts the candidates the same way on every machine: sorted by code units, every N-th, each in exactly one share', () => {
    const shares = [0, 1, 2].map((index) => shareOf(NAMES, { index, count: 3 }));
    expect(shares.flat().sort()).toEqual([...NAMES].sort());
    // Code units: capitals before lower case, 'É' after 'z', whatever the machine's locale.
    expect(shares).toEqual([['Bea', 'dot', 'gus'], ['ada', 'eve', 'hal'], ['cy', 'fin', 'Émile']]);
    expect(shareOf([...NAMES].reverse(), { index: 0, count: 3 })).toEqual(shares[0]);
    expect(shareOf(NAMES, { index: 0, count: 1 })).toHaveLength(NAMES.length);
  });

  it('says how K/N is written when it is not', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/K counts from 0.*give 3\/4/);
    expect(() => parseShard('1-4')).toThrow(/--shard takes K\/N/);
    expect(() => parseShard('0/0')).toThrow(/N must be at least 1/);
  });

  it('merges shards into exactly what one unsharded run writes', async () => {
    const subs = makeSubmissions(['copy-ana', 'copy-ben', 'starter-cat', 'starter-dan', 'Zed', 'flaky-fay', 'crash-gil']);
    const whole = join(work, 'whole');
    await gradeSubmissionsFolder(subs, whole, { ...quiet, runner: fakeRunner() });
    const shards = await Promise.all([0, 1, 2].map(async (index) => {
      const out = join(work, 'shards', `shard-${index}`);
      await gradeSubmissionsFolder(subs, out, { ...quiet, runner: fakeRunner(), shard: { index, count: 3 } });
      return out;
    }));
    const merged = join(work, 'merged');
    await mergeShards([join(work, 'shards')], merged);
    expect(withoutTiming(readFileSync(join(merged, 'summary.md'), 'utf8'))).toBe(withoutTiming(readFileSync(join(whole, 'summary.md'), 'utf8')));
    expect(csvWithoutTiming(readFileSync(join(merged, 'summary.csv'), 'utf8'))).toBe(csvWithoutTiming(readFileSync(join(whole, 'summary.csv'), 'utf8')));
    expect(readdirSync(join(merged, 'candidates')).sort()).toEqual(readdirSync(join(whole, 'candidates')).sort());
    expect(readdirSync(join(merged, 'sources')).sort()).toEqual(readdirSync(join(whole, 'sources')).sort());
    const strip = (r: CandidateResult) => ({ ...r, durationMs: 0, gradedAt: '', lastEditAt: '' });
    expect(readBatchOutput(merged).results.map(strip)).toEqual(readBatchOutput(whole).results.map(strip));
    // The similarity check saw every shard's sources: the two copies sit in different shards.
    expect(shards.filter((dir) => readdirSync(join(dir, 'sources')).some((n) => n.startsWith('copy')))).toHaveLength(2);
    expect(readFileSync(join(merged, 'summary.md'), 'utf8')).toMatch(/### copy-ana and copy-ben: \d+% similar/);
  });

  it('refuses a merge with a shard missing, given twice, or cut another way, and writes nothing', async () => {
    const subs = makeSubmissions(['a1', 'b2', 'c3']);
    const [s0, s1, other] = await Promise.all([
      gradeSubmissionsFolder(subs, join(work, 'r', 's0'), { ...quiet, runner: fakeRunner(), shard: { index: 0, count: 2 } }).then(() => join(work, 'r', 's0')),
      gradeSubmissionsFolder(subs, join(work, 'r', 's1'), { ...quiet, runner: fakeRunner(), shard: { index: 1, count: 2 } }).then(() => join(work, 'r', 's1')),
      gradeSubmissionsFolder(subs, join(work, 'other', 's0of3'), { ...quiet, runner: fakeRunner(), shard: { index: 0, count: 3 } }).then(() => join(work, 'other', 's0of3')),
    ]);
    const out = join(work, 'refused');
    await expect(mergeShards([s0], out)).rejects.toThrow(/Shard 1\/2 is missing: grade it/);
    await expect(mergeShards([s0, s0, s1], out)).rejects.toThrow(/Shard 0\/2 is given twice/);
    await expect(mergeShards([s0, s1, other], out)).rejects.toThrow(/cut differently \(2 shards and 3 shards\)/);
    expect(() => readdirSync(out)).toThrow();
    await mergeShards([s1, s0], out);
    expect(readBatchOutput(out).results.map((r) => r.candidate)).toEqual(['a1', 'b2', 'c3']);
  });

  it('runs failed checks once more: one that then passes is unstable (counted, flagged with both runs), one that fails twice stays failed', async () => {
    const subs = makeSubmissions(['flaky-fay', 'cy']);
    const calls: { candidate: string; options: RunnerOptions }[] = [];
    const { results } = await gradeSubmissionsFolder(subs, join(work, 'unstable'), { ...quiet, runner: fakeRunner(calls) });
    const fay = results.find((r) => r.candidate === 'flaky-fay')!;
    expect(fay.report!.score).toBe(100);
    expect(fay.report!.labs[0]!.essentials!.missed).toEqual([]);
    const check = fay.report!.labs[0]!.checks.find((c) => c.title === 'first check')!;
    expect(check).toMatchObject({ status: 'passed', points: 4, unstable: { firstRun: 'run 1: first check saw the wrong thing', rerun: 'passed' } });
    // cy ('c' = 99, 99 % 3 = 0): fails all three both times; the rerun asked for those three only, with the same seeds.
    const cy = results.find((r) => r.candidate === 'cy')!;
    expect(cy.report!.points).toBe(0);
    expect(cy.report!.labs[0]!.checks.every((c) => !c.unstable && c.feedback.startsWith('run 1'))).toBe(true);
    const rerun = calls.filter((c) => c.candidate === 'cy')[1]!.options;
    expect(rerun.onlyChecks).toEqual({ [LAB]: TITLES });
    expect(rerun.seeds).toEqual(calls.filter((c) => c.candidate === 'cy')[0]!.options.seeds);
    const summary = readFileSync(join(work, 'unstable', 'summary.md'), 'utf8');
    expect(summary).toMatch(/## Unstable checks[\s\S]*\| flaky-fay \| 01-first-integration \| first check \| run 1: first check saw the wrong thing \| passed \|/);
    expect(readFileSync(join(work, 'unstable', 'summary.csv'), 'utf8')).toMatch(/flaky-fay,01-first-integration,met,graded,100,.*,first check,/);
  });

  it('lists a candidate the grader could not grade as not graded, with no score, and says so to the caller', async () => {
    const subs = makeSubmissions(['crash-gil', 'cy']);
    const run = await gradeSubmissionsFolder(subs, join(work, 'crash'), { ...quiet, runner: fakeRunner() });
    expect(run.notGraded).toEqual(['crash-gil']);
    const csv = readFileSync(join(work, 'crash', 'summary.csv'), 'utf8');
    expect(csv).toMatch(/^crash-gil,\(all\),not graded,not graded \(grader-crashed\),,0,0,/m);
    expect(readFileSync(join(work, 'crash', 'summary.md'), 'utf8')).toMatch(/## Not graded[\s\S]*\*\*crash-gil\*\*: grader-crashed: The grader was killed/);
  });

  it('tells, after the checks change, whose score or essentials moved and which checks moved them', async () => {
    const subs = makeSubmissions(['cy', 'dot']);
    const before = (await gradeSubmissionsFolder(subs, join(work, 'before'), { ...quiet, runner: fakeRunner(), rerunFailed: false })).results;
    const after = before.map((r) => {
      if (r.candidate !== 'cy') return r;
      const old = r.report!.labs[0]!;
      const checks = old.checks.map((c) => (c.title === 'first check' ? { ...c, status: 'passed' as const, points: c.maxPoints, feedback: '' } : c));
      const { score: _s, points: _p, maxPoints: _m, ...rest } = old;
      return { ...r, report: summarise(r.report!.target, [labReport({ ...rest, checks, essentials: judgeEssentials(['first check'], checks) })], 1) };
    });
    const changes = compareBatches(before, after);
    expect(changes.map((c) => c.candidate)).toEqual(['cy']);
    expect(changes[0]).toMatchObject({ before: '0% (0/12)', after: '33.3% (4/12)', essentialsBefore: `missed in ${LAB}`, essentialsAfter: 'met' });
    expect(changes[0]!.why).toEqual([`${LAB}: "first check" failed → passed`]);
    expect(compareBatches(before, before)).toEqual([]);
    const text = regradeMarkdown(changes, 'round-1', after.length);
    expect(text).toContain('1 of 2 candidate(s) changed score or essentials.');
    expect(text).toContain(`## cy\n\n- score: 0% (0/12) → 33.3% (4/12)\n- essentials: missed in ${LAB} → met`);
    expect(text).toContain(`- ${LAB}: "first check" failed → passed`);
  });
});
