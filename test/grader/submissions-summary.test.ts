import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab, REPO_ROOT } from '../../grader/lab-manifest.ts';
import { unpackArchives } from '../../grader/submissions/archives.ts';
import { askNextFor } from '../../grader/submissions/ask-next.ts';
import { resolveRecord } from '../../grader/submissions/authority.ts';
import type { CandidateResult } from '../../grader/submissions/runner.ts';
import { scrubbedEnv } from '../../grader/submissions/scrub-env.ts';
import { stageSubmission } from '../../grader/submissions/workspace.ts';
import { summaryCsv, summaryMarkdown, summaryRows } from '../../grader/submissions/summary.ts';
import { writeLedgerEntry } from '../../grader/takehome/ledger.ts';
import type { TakehomeRecord } from '../../grader/takehome/record.ts';

const work = mkdtempSync(join(tmpdir(), 'submissions-summary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const record: TakehomeRecord = {
  kind: 'integration-lab-takehome',
  version: 1,
  id: 'th-20260101-abcdef',
  createdAt: '2026-01-01T09:00:00.000Z',
  labs: [{ id: '01-first-integration', seed: 777, timeEstimateMinutes: 90 }],
  visible: { digest: 'x', files: {} },
};

describe('grading support', () => {
  it('passes an allow-list of the environment: no admin token or other secret, HOME in the scratch folder', () => {
    const env = scrubbedEnv('/tmp/scratch', { PATH: '/bin', VENDOR_ADMIN_TOKEN: 'a', AWS_SECRET_ACCESS_KEY: 'b', NPM_TOKEN: 'c', HOME: '/root' });
    expect(env['PATH']).toBe('/bin');
    expect(env['HOME']).toBe('/tmp/scratch');
    expect(Object.keys(env).filter((name) => /TOKEN|SECRET|KEY/.test(name))).toEqual([]);
  });

  it('maps a failed check to the question file\'s next question, with the follow-up spelled out', () => {
    expect(askNextFor('01-first-integration', 'creates a lead once, with an Idempotency-Key')!.ask).toMatch(/follow-up 3 \("You POST a lead.*duplicate leads/);
    expect(askNextFor('02-intermittent-failures', 'judges the cause "retries without backoff" from the log\'s evidence')).toBeDefined();
    expect(askNextFor('04-secure-auth', 'no such check')).toBeUndefined();
  });

  it('has an "ask next" row for every check of labs 01, 02, 04 and 06', () => {
    const missing: string[] = [];
    for (const id of ['01-first-integration', '02-intermittent-failures', '04-secure-auth', '06-data-mapping']) {
      const lab = loadLab(id);
      for (const file of [lab.tests.visible, lab.tests.hidden!]) {
        const source = readFileSync(join(REPO_ROOT, file), 'utf8');
        const titles = [...source.matchAll(/lab\.check\(\s*(?:'([^']+)'|`([^`]+)`)/g)].map((m) => (m[1] ?? m[2]!).replace(/\$\{[^}]+\}/g, 'retries without backoff'));
        expect(titles.length).toBeGreaterThan(2);
        missing.push(...titles.filter((title) => !askNextFor(id, title)).map((title) => `${id}: ${title}`));
      }
    }
    expect(missing).toEqual([]);
  });

  it("trusts the interviewer's ledger over a returned takehome.json that was edited", () => {
    const ledger = join(work, 'ledger');
    writeLedgerEntry(record, ledger);
    const returned = join(work, 'returned');
    mkdirSync(returned);
    writeFileSync(join(returned, 'takehome.json'), JSON.stringify({ ...record, labs: [{ ...record.labs[0], seed: 1 }] }));
    const resolved = resolveRecord(returned, { ledgerDir: ledger });
    expect(resolved.source).toBe('ledger');
    expect(resolved.record!.labs[0]!.seed).toBe(777);
    expect(resolved.notes.join(' ')).toMatch(/edited/);
    expect(resolveRecord(returned, { ledgerDir: join(work, 'empty') }).notes.join(' ')).toMatch(/candidate's own takehome.json/);
  });

  it('unpacks a returned archive of plain files, and refuses one holding a link without unpacking it', () => {
    const inbox = join(work, 'inbox');
    const good = join(work, 'good');
    mkdirSync(join(good, 'labs', '01-first-integration', 'src'), { recursive: true });
    writeFileSync(join(good, 'labs', '01-first-integration', 'src', 'index.ts'), 'export {};\n');
    const evil = join(work, 'evil');
    mkdirSync(evil, { recursive: true });
    symlinkSync('/etc', join(evil, 'labs'));
    mkdirSync(inbox);
    execFileSync('tar', ['-czf', join(inbox, 'ada-returned.tar.gz'), '-C', good, '.']);
    execFileSync('tar', ['-czf', join(inbox, 'mallory.tgz'), '-C', evil, '.']);
    const unpacked = unpackArchives(inbox);
    try {
      expect(unpacked.candidates.map((c) => c.name)).toEqual(['ada-returned']);
      expect(existsSync(join(unpacked.candidates[0]!.dir, 'labs', '01-first-integration', 'src', 'index.ts'))).toBe(true);
      expect(unpacked.refused).toEqual([{ name: 'mallory', reason: expect.stringMatching(/not a plain file or folder/) }]);
    } finally {
      unpacked.cleanup();
    }
  });

  it("stages only the candidate's src/ beside the project's own lab files, without their symbolic links", () => {
    const returned = join(work, 'linky');
    const src = join(returned, 'labs', '01-first-integration', 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'index.ts'), 'export {};\n');
    symlinkSync(join(REPO_ROOT, 'questions'), join(src, 'kit'));
    writeFileSync(join(returned, 'labs', '01-first-integration', 'contract.ts'), 'export type Tampered = true;\n');
    const staged = stageSubmission(returned, ['01-first-integration']);
    try {
      expect(readdirSync(join(staged.labsDir, '01-first-integration', 'src'))).toEqual(['index.ts']);
      expect(staged.skipped).toEqual([join('labs', '01-first-integration', 'src', 'kit')]);
      expect(readFileSync(join(staged.labsDir, '01-first-integration', 'contract.ts'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'labs', '01-first-integration', 'contract.ts'), 'utf8'));
      expect(readdirSync(staged.dir).sort()).toEqual(['labs', 'node_modules', 'scratch']);
    } finally {
      staged.cleanup();
    }
    expect(existsSync(staged.dir)).toBe(false);
  });

  it('writes one CSV row per candidate and lab, a failed grading included, safe for spreadsheets', () => {
    const results: CandidateResult[] = [
      {
        candidate: 'ada',
        status: 'graded',
        durationMs: 31_000,
        notes: [],
        sentAt: '2026-01-01T09:00:00.000Z',
        lastEditAt: '2026-01-01T12:30:00.000Z',
        report: {
          target: 'x', score: 50, points: 8, maxPoints: 16, durationMs: 30_000, essentialsMet: false,
          labs: [{ id: '01-first-integration', title: 't', score: 50, points: 8, maxPoints: 16, seed: 777, durationMs: 1,
            essentials: { checks: ['creates a lead once, with an Idempotency-Key', 'reads every contact across all pages'], missed: ['creates a lead once, with an Idempotency-Key'] },
            tasks: [{ number: 1, title: 'Notes', reviewedByAPerson: 'Are the notes clear?' }],
            checks: [
              { title: 'creates a lead once, with an Idempotency-Key', points: 0, maxPoints: 8, status: 'failed', hidden: false, baseline: false, feedback: 'no key', tasks: [3], durationMs: 1 },
              { title: 'reads every contact across all pages', points: 8, maxPoints: 8, status: 'passed', hidden: false, baseline: false, feedback: '', review: 'NOTES.md: true to the code?', tasks: [2], durationMs: 1 },
            ] }],
        },
      },
      { candidate: '=cmd()', status: 'not-graded', notGraded: 'time-bound', durationMs: 600_000, notes: [], message: 'stopped' },
    ];
    const rows = summaryRows(results);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ candidate: 'ada', lab: '01-first-integration', essentials: 'missed: creates a lead once, with an Idempotency-Key', score: 50, hoursToLastEdit: 3.5, failedChecks: ['creates a lead once, with an Idempotency-Key'] });
    expect(rows[0]!.askNext.join()).toMatch(/duplicate leads/);
    const csv = summaryCsv(rows);
    expect(csv.split('\n')[0]).toMatch(/^candidate,lab,essentials,/);
    // No verdict is no score: the cell stays empty, never a 0 the candidate did not earn.
    expect(csv).toContain(`"'=cmd()",(all),not graded,not graded (time-bound),,0,0,`);
    expect(summaryMarkdown(results)).toMatch(/## Not graded[\s\S]*\*\*=cmd\(\)\*\*: time-bound: stopped/);
    expect(summaryMarkdown(results)).toContain('| ada | 01-first-integration | missed: creates a lead once, with an Idempotency-Key | 50% (8/16) |');
    expect(summaryMarkdown(results)).toContain('- **read yourself** (task 1, Notes, no check grades it): Are the notes clear?');
    expect(summaryMarkdown(results)).toMatch(/ask next: follow-up 3/);
    expect(summaryMarkdown(results)).toContain('- **read yourself:** NOTES.md: true to the code?');
  });
});
