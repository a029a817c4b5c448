import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradeReport } from '../../grader/report.ts';

function grade(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'grader/cli/grade.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'grade-cli-'));

describe('npm run grade', () => {
  it('grades the solutions in full, scores an unknown lab 0 with a message, and writes every report format', { timeout: 120_000 }, () => {
    const out = tempDir();
    const run = grade(['01', '99', '--target', 'solutions', '--reporter', 'json,junit,markdown,exercism', '--out', out]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'grade-report.json'), 'utf8')) as GradeReport;
    expect(report.labs.map((l) => l.id)).toEqual(['01-first-integration', '99']);
    expect(report.labs[0]).toMatchObject({ score: 100, seed: 101 });
    expect(report.labs[0]!.checks.some((c) => c.hidden)).toBe(true);
    expect(report.labs[1]).toMatchObject({ score: 0, maxPoints: 0, error: expect.stringContaining('There is no lab "99"') });
    expect(readFileSync(join(out, 'grade-report.xml'), 'utf8')).toContain('<testsuites');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).version).toBe(3);
    expect(readFileSync(join(out, 'grade-report.md'), 'utf8')).toContain('01-first-integration');
    expect(run.stderr).toMatch(/01-first-integration: (\d+)\/\1 \(100%\)/);
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
    expect(report.labs[0]!.checks[0]!.feedback).toContain('failed to load');
    expect(report.labs[0]!.checks[0]!.feedback).toContain('boom at import');
  });

  it('answers usage errors with exit code 2 and a way forward', { timeout: 60_000 }, () => {
    for (const args of [['--reporter', 'xml'], ['--target', '/nonexistent/folder'], ['--min-score', '200'], ['--frobnicate']]) {
      const run = grade(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.length, args.join(' ')).toBeGreaterThan(10);
    }
  });
});
