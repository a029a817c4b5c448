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
      checks: [
        { title: 'reads every page', points: 10, maxPoints: 10, status: 'passed', hidden: false, baseline: false, feedback: '', review: 'NOTES.md: is it <true> to the code?', durationMs: 20 },
        { title: 'reuses the token', points: 0, maxPoints: 8, status: 'failed', hidden: true, baseline: false, feedback: 'made 3 token requests <expected 1> & "more"', durationMs: 30 },
        { title: 'loads', points: 0, maxPoints: 2, status: 'error', hidden: false, baseline: true, feedback: 'could not load', durationMs: 1 },
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

  it('writes the JSON contract of DESIGN.md', () => {
    const json = JSON.parse(REPORTERS['json']!.format(report));
    expect(Object.keys(json)).toEqual(['target', 'score', 'points', 'maxPoints', 'durationMs', 'labs']);
    expect(Object.keys(json.labs[0].checks[0])).toEqual(expect.arrayContaining(['title', 'points', 'maxPoints', 'status', 'hidden', 'feedback', 'durationMs']));
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
    expect(results.tests.map((t: { status: string }) => t.status)).toEqual(['pass', 'fail', 'error']);
    expect(results.tests[1]).toMatchObject({ name: '01-first-integration > reuses the token', message: expect.stringContaining('3 token requests'), task_id: 1 });
  });

  it('renders a Markdown summary with one row per check', () => {
    const md = REPORTERS['markdown']!.format(report);
    expect(md).toContain('# Grade: 50% (10/20 points)');
    expect(md).toContain('| ❌ | reuses the token *(hidden)* | 0/8 |');
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
    expect(JSON.parse(REPORTERS['json']!.format(report)).labs[0].checks[0].review).toBe('NOTES.md: is it <true> to the code?');
    expect(JSON.parse(REPORTERS['exercism']!.format(report)).tests[0].test_code).toContain('For a person to read: NOTES.md');
  });
});
