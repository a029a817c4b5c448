/**
 * deploy/github-actions/grade-submissions.yml without a runner: its shape. The shard list and the
 * `/N` of the grade command agree, each shard uploads what it wrote under a name the merge
 * downloads, the merge runs after every shard (failed ones too) and reaches the step summary, and
 * the input reaches the shell only through the environment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface WorkflowJob {
  needs?: string | string[];
  if?: string;
  permissions?: unknown;
  'timeout-minutes'?: number;
  strategy?: { 'fail-fast'?: boolean; matrix?: { shard?: unknown } };
  steps: Step[];
}

interface Workflow {
  on: Record<string, { inputs?: Record<string, { required?: boolean; default?: string }> } | null>;
  permissions?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

const workflow = parse(readFileSync(new URL('../../deploy/github-actions/grade-submissions.yml', import.meta.url), 'utf8')) as Workflow;
const grade = workflow.jobs['grade']!;
const merge = workflow.jobs['merge']!;

const MATRIX_SHARD = '${{ matrix.shard }}';
const stepUsing = (job: WorkflowJob, action: string) => job.steps.filter((s) => s.uses?.split('@')[0] === action);
const stepRunning = (job: WorkflowJob, pattern: RegExp) => {
  const steps = job.steps.filter((s) => s.run !== undefined && pattern.test(s.run));
  expect(steps, `one step running ${pattern}`).toHaveLength(1);
  return steps[0]!;
};
/** The word after `flag`; a word may hold `${{ expressions }}`, spaces and all. */
const flagValue = (command: string, flag: string) => {
  const match = new RegExp(`${flag} ((?:\\$\\{\\{[^}]*\\}\\}|\\S)+)`).exec(command);
  expect(match, `${flag} in ${command}`).not.toBeNull();
  return match![1]!;
};
const globToRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

const gradeStep = stepRunning(grade, /npm run grade -- --submissions/);
const gradeCommand = gradeStep.run!;
const N = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)\b/.exec(gradeCommand)?.[1]);
const mergeCommand = stepRunning(merge, /npm run grade -- merge /).run!;

describe('deploy/github-actions/grade-submissions.yml', () => {
  it('starts by hand with a submissions folder, and its token can only read', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.on['workflow_dispatch']?.inputs?.['submissions']).toMatchObject({ required: true });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('grades shards 0..N-1, N agreeing with the /N of the grade command, without cancelling the others on a failure', () => {
    expect(N).toBeGreaterThan(0);
    expect(grade.strategy?.matrix?.shard).toEqual([...Array(N).keys()]);
    expect(grade.strategy?.['fail-fast']).toBe(false);
    for (const job of [grade, merge]) expect(job['timeout-minutes']).toBeGreaterThan(0);
    expect(flagValue(gradeCommand, '--out')).toBe(`grade-out/shard-${MATRIX_SHARD}`);
  });

  it('passes the submissions input to the shell only through the environment', () => {
    expect(gradeStep.env?.['SUBMISSIONS']).toBe('${{ inputs.submissions }}');
    expect(gradeCommand).toContain('--submissions "$SUBMISSIONS"');
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) expect(step.run ?? '').not.toMatch(/\$\{\{\s*(github\.event\.)?inputs\./);
    }
  });

  it('sets up both jobs alike: checkout without a lingering token, node 20 with the npm cache, npm ci', () => {
    for (const job of [grade, merge]) {
      const [checkout, setupNode, install] = job.steps;
      expect(checkout).toMatchObject({ uses: 'actions/checkout@v4', with: { 'persist-credentials': false } });
      expect(setupNode).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20, cache: 'npm' } });
      expect(install?.run).toBe('npm ci');
    }
  });

  it("uploads each shard's output even when grading failed, under a name the merge downloads", () => {
    const [upload] = stepUsing(grade, 'actions/upload-artifact');
    expect(upload).toMatchObject({ uses: 'actions/upload-artifact@v4', if: 'always()' });
    expect(upload!.with?.['path']).toBe(flagValue(gradeCommand, '--out'));
    // "Re-run failed jobs" uploads the same name again; v4 refuses that without overwrite.
    expect(upload!.with?.['overwrite']).toBe(true);
    const name = String(upload!.with?.['name']);
    expect(name).toContain(MATRIX_SHARD);

    const [download] = stepUsing(merge, 'actions/download-artifact');
    expect(download?.uses).toBe('actions/download-artifact@v4');
    const pattern = globToRegExp(String(download!.with?.['pattern']));
    for (let shard = 0; shard < N; shard++) expect(name.replace(MATRIX_SHARD, String(shard))).toMatch(pattern);
    expect('grading-summary').not.toMatch(pattern);
    // Without merge-multiple, each artifact lands in PATH/<artifact name>: the folders merge reads.
    expect(download!.with?.['merge-multiple']).toBeUndefined();
    expect(mergeCommand).toMatch(new RegExp(`merge ${download!.with?.['path']}(/\\S+)? `));
  });

  it('merges after every shard, failed ones too, and puts summary.md on the run page and in an artifact', () => {
    expect([merge.needs].flat()).toContain('grade');
    expect(merge.if).toBe('always()');
    const out = flagValue(mergeCommand, '--out');
    // merge exits 3 when a candidate was not graded, having written the summary: show it and keep it anyway.
    const summary = stepRunning(merge, new RegExp(`cat ${out}/summary\\.md >> "\\$GITHUB_STEP_SUMMARY"`));
    expect(summary.if).toMatch(/^always\(\) && hashFiles\('[^']+\/summary\.md'\) != ''$/);
    const uploads = stepUsing(merge, 'actions/upload-artifact');
    expect(uploads.map((s) => s.with)).toEqual([expect.objectContaining({ name: 'grading-summary', path: out })]);
    expect(uploads[0]!.if).toBe('always()');
    expect(merge.steps.indexOf(uploads[0]!)).toBe(merge.steps.length - 1);
  });
});
