import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_RUN, type GradeReport } from '../../grader/report.ts';

function grade(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'grader/cli/grade.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'grade-cli-'));

describe('npm run grade', () => {
  it('grades the solutions in full and writes every report format', { timeout: 120_000 }, () => {
    const out = tempDir();
    const run = grade(['01', '--target', 'solutions', '--reporter', 'json,junit,markdown,exercism', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'grade-report.json'), 'utf8')) as GradeReport;
    expect(report.labs.map((l) => l.id)).toEqual(['01-first-integration']);
    expect(report.labs[0]).toMatchObject({ score: 100, seed: 101 });
    expect(report.labs[0]!.essentials?.checks.length).toBeGreaterThan(0);
    expect(report.labs[0]!.essentials?.missed).toEqual([]);
    expect(report.labs[0]!.checks.some((c) => c.hidden)).toBe(true);
    expect(readFileSync(join(out, 'grade-report.xml'), 'utf8')).toContain('<testsuites');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).version).toBe(3);
    expect(readFileSync(join(out, 'grade-report.md'), 'utf8')).toContain('01-first-integration');
    expect(run.stderr).toMatch(/01-first-integration: (\d+)\/\1 \(100%\)/);
  });

  it('stops a lab that overruns --lab-timeout and reports it not graded (exit 3), never a score of 0', { timeout: 120_000 }, () => {
    const out = tempDir();
    const run = grade(['06', '--target', 'solutions', '--lab-timeout', '1', '--reporter', 'json', '--out', out]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/Not graded, for a reason outside the code: 06-data-mapping/);
    const report = JSON.parse(readFileSync(join(out, 'grade-report.json'), 'utf8')) as GradeReport;
    expect(report.labs[0]!.error).toMatch(/did not finish within its wall limit of 1 s/);
    expect(report.labs[0]!.notGraded).toMatch(/did not finish within its wall limit of 1 s/);
    expect(report.notGraded).toEqual(['06-data-mapping']);
    expect(report.maxPoints).toBe(0);
  });

  it('grades a submission that throws at import as 0 with the reason, and --min-score sets the exit code', { timeout: 120_000 }, () => {
    const submissions = tempDir();
    mkdirSync(join(submissions, '01-first-integration'));
    writeFileSync(join(submissions, '01-first-integration', 'index.ts'), "throw new Error('boom at import');\n");
    const run = grade(['01', '--target', submissions, '--reporter', 'json', '--no-hidden', '--min-score', '0']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as GradeReport;
    expect(report.score).toBe(0);
    expect(report.labs[0]!.checks.every((c) => c.status === 'error' && !c.hidden)).toBe(true);
    // One message for the lab, with where it was thrown; the checks point at it instead of repeating it.
    expect(report.labs[0]!.error).toContain('failed to load');
    expect(report.labs[0]!.error).toMatch(/boom at import \(thrown at [^)]*01-first-integration\/index\.ts:1:\d+\)/);
    expect(new Set(report.labs[0]!.checks.map((c) => c.feedback))).toEqual(new Set([NOT_RUN]));
    expect(report.essentialsMet).toBe(false);

    const strict = grade(['01', '--target', submissions, '--reporter', 'json', '--no-hidden', '--min-score', '0', '--require-essentials']);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stderr).toMatch(/Essentials missed \(--require-essentials\)[\s\S]*01-first-integration: gets one token and reuses it for every call/);
  });

  it('says a syntax error once for the lab, with file, line and column, and writes no escape codes into any report', { timeout: 120_000 }, () => {
    const submissions = tempDir();
    mkdirSync(join(submissions, '01-first-integration'));
    writeFileSync(join(submissions, '01-first-integration', 'index.ts'), "export { helper } from './helper.ts';\n");
    writeFileSync(join(submissions, '01-first-integration', 'helper.ts'), 'export const helper = 1;\nexport function broken( {\n');
    const out = tempDir();
    const run = grade(['01', '--target', submissions, '--reporter', 'pretty,json,junit,markdown,exercism', '--no-hidden', '--out', out]);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'grade-report.json'), 'utf8')) as GradeReport;
    expect(report.labs[0]!.error).toMatch(/01-first-integration\/helper\.ts:\d+:\d+: /);
    const pretty = readFileSync(join(out, 'grade-report.txt'), 'utf8');
    expect(pretty.split('helper.ts:').length - 1, 'the parse error is said once').toBe(1);
    for (const file of ['grade-report.txt', 'grade-report.json', 'grade-report.xml', 'grade-report.md', 'results.json']) {
      expect(readFileSync(join(out, file), 'utf8'), file).not.toMatch(/\u001b\[/);
    }
  });

  it('answers usage errors with exit code 2 and a way forward', { timeout: 60_000 }, () => {
    for (const args of [['99'], ['01', '99'], ['--reporter', 'xml'], ['--target', '/nonexistent/folder'], ['--min-score', '200'], ['--frobnicate']]) {
      const run = grade(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.length, args.join(' ')).toBeGreaterThan(10);
      if (args.includes('99')) expect(run.stderr).toContain('There is no lab "99". The labs are 01-first-integration');
    }
  });
});
