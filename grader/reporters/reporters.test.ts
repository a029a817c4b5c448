import { describe, expect, it } from 'vitest';
import { summarise, labReport } from '../report.ts';
import { REPORTERS } from './index.ts';

const report = summarise(
  'solutions',
  [
    labReport({
      id: '01-first-integration',
      title: 'First <integration> & "friends"',
      seed: 101,
      durationMs: 1234,
      tasks: [
        { number: 1, title: 'Configuration' },
        { number: 2, title: 'Read every contact' },
        { number: 3, title: 'Tokens' },
        { number: 4, title: 'Notes', reviewedByAPerson: 'Are the notes kind to on-call?' },
      ],
      essentials: { checks: ['reads every page', 'reuses the token'], missed: ['reuses the token'] },
      checks: [
        { title: 'reuses the token', points: 0, maxPoints: 8, status: 'failed', hidden: true, baseline: false, feedback: 'made 3 token requests <expected 1> & "more"', tasks: [3], durationMs: 30 },
        { title: 'reads every page', points: 10, maxPoints: 10, status: 'passed', hidden: false, baseline: false, feedback: '', review: 'NOTES.md: is it <true> to the code?', tasks: [2, 3], durationMs: 20 },
        { title: 'loads', points: 0, maxPoints: 2, status: 'error', hidden: false, baseline: true, feedback: 'could not load', tasks: [1], durationMs: 1 },
      ],
    }),
  ],
  2000,
);

describe('grade reports', () => {
  it('scores points as a percentage of the maximum', () => {
    expect(report).toMatchObject({ points: 10, maxPoints: 20, score: 50 });
    expect(report.labs[0]).toMatchObject({ points: 10, maxPoints: 20, score: 50, seed: 101 });
  });

  it('writes the JSON contract of docs/grade-report.md', () => {
    const json = JSON.parse(REPORTERS['json']!.format(report));
    expect(Object.keys(json)).toEqual(['target', 'score', 'points', 'maxPoints', 'durationMs', 'essentialsMet', 'labs']);
    expect(Object.keys(json.labs[0].checks[0])).toEqual(expect.arrayContaining(['title', 'points', 'maxPoints', 'status', 'hidden', 'feedback', 'tasks', 'durationMs']));
    expect(json.essentialsMet).toBe(false);
  });

  it('escapes JUnit XML and marks failures and errors apart', () => {
    const xml = REPORTERS['junit']!.format(report);
    expect(xml).toContain('name="01-first-integration First &lt;integration&gt; &amp; &quot;friends&quot;"');
    expect(xml).toContain('tests="3" failures="1" errors="1"');
    expect(xml).toMatch(/<failure message="made 3 token requests &lt;expected 1&gt; &amp; &quot;more&quot;">/);
    expect(xml).toMatch(/<error message="could not load">/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
  });

  it('speaks the Exercism test-runner interface, version 3', () => {
    const results = JSON.parse(REPORTERS['exercism']!.format(report));
    expect(results).toMatchObject({ version: 3, status: 'fail' });
    // Visible checks first, then hidden ones; task_id is the README task each grades.
    expect(results.tests.map((t: { status: string }) => t.status)).toEqual(['pass', 'error', 'fail']);
    expect(results.tests.map((t: { task_id: number }) => t.task_id)).toEqual([2, 1, 3]);
    expect(results.tests[2]).toMatchObject({ name: '01-first-integration > reuses the token', message: expect.stringContaining('3 token requests') });
    expect(results.tests[2].test_code).toContain('hidden check, essential');
  });

  it('renders a Markdown summary with one row per check', () => {
    const md = REPORTERS['markdown']!.format(report);
    expect(md).toContain('# Grade: 50% (10/20 points)');
    expect(md).toContain('| 3. Tokens | ❌ | reuses the token *(hidden)* | 0/8 |');
  });

  it('groups checks under the README task they grade, in task order, with tasks a person reads', () => {
    const text = REPORTERS['pretty']!.format(report);
    const order = ['Task 1: Configuration', 'loads', 'Task 2: Read every contact', 'reads every page', 'Task 3: Tokens', 'FAIL  reuses the token', 'Task 4: Notes', 'Are the notes kind'];
    const positions = order.map((text_) => text.indexOf(text_));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toMatch(/reads every page.*also task 3/);
    const md = REPORTERS['markdown']!.format(report);
    expect(md).toContain('| 2. Read every contact | ✅ | reads every page |');
    expect(md).toContain('| 4. Notes | 👀 | *read by a person* | | **For a person to read:** Are the notes kind to on-call? |');
  });

  it('says beside the score whether the essentials are met, in every format', () => {
    expect(REPORTERS['pretty']!.format(report)).toContain('essentials missed: reuses the token');
    expect(REPORTERS['markdown']!.format(report)).toContain('**Essentials missed:** reuses the token');
    expect(REPORTERS['markdown']!.format(report)).toContain('# Grade: 50% (10/20 points), **essentials missed**');
    expect(REPORTERS['junit']!.format(report)).toContain('<property name="essentialsMissed" value="reuses the token"/>');
    expect(JSON.parse(REPORTERS['json']!.format(report)).labs[0].essentials.missed).toEqual(['reuses the token']);
    const met = summarise('good', [{ ...report.labs[0]!, essentials: { checks: ['reads every page'], missed: [] } }], 1);
    expect(met.essentialsMet).toBe(true);
    expect(REPORTERS['pretty']!.format(met)).toContain('essentials met');
  });

  it('prints a readable table with feedback under failed checks', () => {
    const text = REPORTERS['pretty']!.format(report);
    expect(text).toMatch(/PASS\s+reads every page/);
    expect(text).toMatch(/FAIL\s+reuses the token/);
    expect(text).toContain('made 3 token requests');
    expect(text).toContain('Total: 10/20 points (50%) for solutions');
  });

  it('shows what a person should still read for, in every format, passed or not', () => {
    expect(REPORTERS['pretty']!.format(report)).toContain('For a person to read: NOTES.md: is it <true> to the code?');
    expect(REPORTERS['markdown']!.format(report)).toContain('**For a person to read:** NOTES.md: is it <true> to the code?');
    expect(REPORTERS['junit']!.format(report)).toContain('<property name="review" value="NOTES.md: is it &lt;true&gt; to the code?"/>');
    expect(JSON.parse(REPORTERS['json']!.format(report)).labs[0].checks[1].review).toBe('NOTES.md: is it <true> to the code?');
    expect(JSON.parse(REPORTERS['exercism']!.format(report)).tests[0].test_code).toContain('For a person to read: NOTES.md');
  });

  it('shows a lab with no verdict as not graded, and an unstable check as passed with a flag, in every format', () => {
    const unstable = { title: 'retries with backoff', points: 6, maxPoints: 6, status: 'passed' as const, hidden: false, baseline: false, feedback: '', tasks: [1], durationMs: 5, unstable: { firstRun: 'saw 2 retries 1 ms apart', rerun: 'passed' } };
    const stuck = { title: 'reads every page', points: 0, maxPoints: 10, status: 'not-graded' as const, hidden: false, baseline: false, feedback: 'Acme CRM could not make a tenant for this check (boom): the grading set-up failed, not the code under test.', tasks: [2], durationMs: 1 };
    const both = summarise('x', [
      labReport({ id: '02-intermittent-failures', title: 'Flaky', seed: 1, durationMs: 1, checks: [unstable] }),
      labReport({ id: '03-unclear-docs', title: 'Docs', seed: 1, durationMs: 1, checks: [stuck], notGraded: stuck.feedback }),
    ], 1);
    // The lab with no verdict counts in no total.
    expect(both).toMatchObject({ points: 6, maxPoints: 6, score: 100, notGraded: ['03-unclear-docs'] });
    expect(REPORTERS['pretty']!.format(both)).toMatch(/Not graded: Acme CRM could not make a tenant[\s\S]*NOT GRADED\s+reads every page/);
    expect(REPORTERS['pretty']!.format(both)).toContain('Unstable: failed once (saw 2 retries 1 ms apart), then passed on a rerun with the same seed.');
    expect(REPORTERS['markdown']!.format(both)).toContain('> **Not graded:** Acme CRM could not make a tenant');
    expect(REPORTERS['markdown']!.format(both)).toContain('**Unstable:** failed once (saw 2 retries 1 ms apart)');
    expect(REPORTERS['junit']!.format(both)).toContain('<skipped message="not graded: Acme CRM could not make a tenant');
    expect(REPORTERS['junit']!.format(both)).toMatch(/failures="0" errors="0" skipped="1"/);
    expect(JSON.parse(REPORTERS['exercism']!.format(both)).tests.map((t: { status: string }) => t.status)).toEqual(['pass', 'error']);
    expect(JSON.parse(REPORTERS['json']!.format(both)).labs[0].checks[0].unstable.firstRun).toBe('saw 2 retries 1 ms apart');
  });
});
