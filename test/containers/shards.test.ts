/**
 * scripts/grade-shards-in-containers.sh: the shape of the Kubernetes Indexed Job and the GitHub
 * Actions matrix (deploy/), on this machine's engine. Two grader containers at once, each with its own
 * index, then a merge; the merged summary equals one container grading the whole batch.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import type { CandidateResult } from '../../grader/submissions/runner.ts';
import { GRADER_IMAGE, requireImages, scratchDir, solidLab01Submission } from './support.ts';

const LAB = '01-first-integration';
const SCRIPT = join(REPO_ROOT, 'scripts', 'grade-shards-in-containers.sh');

function shards(submissions: string, out: string, count: number) {
  const run = spawnSync('bash', [SCRIPT, submissions, out, String(count)], { encoding: 'utf8', timeout: 15 * 60_000 });
  return { code: run.status, output: `${run.stdout}\n${run.stderr}` };
}

/**
 * What two real runs may differ in: when they ran and how long they took. Acme's seeded records are
 * dated relative to the moment a tenant is made, and feedback quotes them.
 */
const withoutTiming = (text: string) =>
  text.replace(/graded \d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'graded (time)').replace(/\| [\d.]+ s \|/g, '| (s) |').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, '(instant)');
const csvWithoutTiming = (text: string) => withoutTiming(text.split('\n').map((line) => line.split(',').filter((_, i) => i !== 8).join(',')).join('\n'));

describe('a batch graded in shards by several grader containers at once, then merged', () => {
  const work = scratchDir('shards');
  const submissions = join(work.dir, 'submissions');
  let two: ReturnType<typeof shards>;
  let one: ReturnType<typeof shards>;

  beforeAll(async () => {
    await requireImages(GRADER_IMAGE);
    await solidLab01Submission(submissions, 'ana');
    await solidLab01Submission(submissions, 'ben');
    cpSync(join(REPO_ROOT, 'labs', LAB, 'starter'), join(submissions, 'cat', LAB), { recursive: true });
    two = shards(submissions, join(work.dir, 'two'), 2);
    one = shards(submissions, join(work.dir, 'one'), 1);
  }, 30 * 60_000);
  afterAll(() => work.remove());

  it('grades each share in its own container and merges them: every candidate once, with its score', () => {
    expect(two.code, two.output).toBe(0);
    expect(two.output).toMatch(/shard 0\/2: exit 0/);
    expect(two.output).toMatch(/shard 1\/2: exit 0/);
    const shares = [0, 1].map((k) => JSON.parse(readFileSync(join(work.dir, 'two', `shard-${k}`, 'batch.json'), 'utf8')).candidates);
    expect(shares).toEqual([['ana', 'cat'], ['ben']]);
    const results = readdirSync(join(work.dir, 'two', 'final', 'candidates')).map(
      (file) => JSON.parse(readFileSync(join(work.dir, 'two', 'final', 'candidates', file), 'utf8')) as CandidateResult,
    );
    const score = Object.fromEntries(results.map((r) => [r.candidate, r.report?.score]));
    expect(score).toMatchObject({ ana: 100, ben: 100 });
    expect(score['cat']).toBeLessThan(20);
  });

  it('writes the same summary as one container grading the whole batch', () => {
    expect(one.code, one.output).toBe(0);
    const read = (run: string, file: string) => readFileSync(join(work.dir, run, 'final', file), 'utf8');
    expect(csvWithoutTiming(read('two', 'summary.csv'))).toBe(csvWithoutTiming(read('one', 'summary.csv')));
    expect(withoutTiming(read('two', 'summary.md'))).toBe(withoutTiming(read('one', 'summary.md')));
    // ana and ben sent the same code from different shards: the merge's similarity check saw both.
    expect(read('two', 'summary.md')).toMatch(/### ana and ben: \d+% similar/);
  });
});
