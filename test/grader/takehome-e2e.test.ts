import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import { unpackArchives } from '../../grader/submissions/archives.ts';
import { gradeSubmissions, listCandidates } from '../../grader/submissions/batch.ts';
import { childProcessRunner } from '../../grader/submissions/child-process-runner.ts';
import { summaryCsv, summaryRows } from '../../grader/submissions/summary.ts';
import { untarGz } from '../../grader/takehome/archive.ts';
import { buildTakehome } from '../../grader/takehome/build.ts';

/**
 * The whole take-home path, as an interviewer and a candidate live it: build a bundle, install it in
 * a clean folder, run its visible checks (they fail on starters), "solve" one copy with the
 * reference solutions, return it and an untouched copy, and grade both with hidden checks.
 * Minutes of CPU: run with `npm run test:takehome` (it is skipped in `npm test`).
 */
const LABS = ['01-first-integration', '04-secure-auth'];
const work = mkdtempSync(join(tmpdir(), 'takehome-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

/** Copies a reference solution into a bundle's src/, pointing its imports at the bundle's layout. */
function solve(srcDir: string, labId: string): void {
  rmSync(srcDir, { recursive: true, force: true });
  mkdirSync(join(srcDir, 'shared'), { recursive: true });
  const rewrite = (text: string) => text.replaceAll(`../../labs/${labId}/`, '../').replaceAll("'../shared/", "'./shared/");
  for (const name of readdirSync(join(REPO_ROOT, 'solutions', labId))) writeFileSync(join(srcDir, name), rewrite(readFileSync(join(REPO_ROOT, 'solutions', labId, name), 'utf8')));
  cpSync(join(REPO_ROOT, 'solutions', 'shared'), join(srcDir, 'shared'), { recursive: true });
}

describe.runIf(process.env['TAKEHOME_E2E'] === '1')('take-home, end to end', () => {
  it('installs and runs from a clean folder; a solved copy grades full marks and an untouched one grades low', { timeout: 600_000 }, async () => {
    const built = buildTakehome({ labs: ['01', '04'], outDir: join(work, 'sent'), ledgerDir: join(work, 'ledger') });

    const candidate = join(work, 'candidate');
    mkdirSync(candidate);
    untarGz(built.archive, candidate);
    const folder = join(candidate, built.record.id);
    const cleanEnv = { PATH: process.env['PATH']!, HOME: process.env['HOME'] ?? work, npm_config_cache: process.env['npm_config_cache'] ?? join(process.env['HOME'] ?? work, '.npm') };
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: folder, env: cleanEnv, stdio: 'pipe', timeout: 300_000 });
    expect(readdirSync(join(folder, 'labs', '04-secure-auth', 'src'))).toContain('index.ts');

    const visible = spawnSync('npm', ['test'], { cwd: folder, env: cleanEnv, encoding: 'utf8', timeout: 240_000 });
    expect(visible.status, visible.stderr).toBe(1);
    expect(visible.stdout).toMatch(/Total: \d+\/\d+ points/);
    expect(visible.stdout).not.toContain('(hidden)');
    expect(visible.stdout).toContain(`seed ${built.record.labs[1]!.seed}`);

    const returned = join(work, 'returned');
    cpSync(folder, join(returned, 'ada-solved'), { recursive: true, filter: (path) => !path.includes('node_modules') });
    for (const lab of LABS) solve(join(returned, 'ada-solved', 'labs', lab, 'src'), lab);
    execFileSync('npm', ['run', 'handin'], { cwd: folder, env: cleanEnv, stdio: 'pipe' });
    renameSync(join(candidate, `${built.record.id}-returned.tar.gz`), join(returned, 'bob-untouched.tar.gz'));

    const unpacked = unpackArchives(returned);
    expect(unpacked.refused).toEqual([]);
    const results = await gradeSubmissions([...listCandidates(returned), ...unpacked.candidates], { runner: childProcessRunner, includeHidden: true, timeoutMs: 300_000, ledgerDir: join(work, 'ledger'), rerunFailed: false });
    unpacked.cleanup();
    const [ada, bob] = results;
    expect(ada!.status, ada!.message).toBe('graded');
    expect(ada!.notes.filter((note) => !note.includes('changed since this bundle was made'))).toEqual([]);
    for (const lab of ada!.report!.labs) {
      expect(lab.checks.filter((c) => c.status !== 'passed').map((c) => `${c.title}: ${c.feedback}`)).toEqual([]);
      expect(lab.checks.some((c) => c.hidden)).toBe(true);
      expect(lab.seed).toBe(built.record.labs.find((l) => l.id === lab.id)!.seed);
    }
    expect(ada!.report!.score).toBe(100);
    expect(bob!.status).toBe('graded');
    expect(bob!.report!.score).toBeLessThan(20);
    const csv = summaryCsv(summaryRows(results));
    expect(csv.split('\n')[0]).toContain('candidate,lab,essentials,status,score');
    expect(csv).toMatch(/bob-untouched,04-secure-auth,"?missed: [^\n]*,graded,/);
    expect(csv).toMatch(/ada-solved,04-secure-auth,met,graded,100,/);
    expect(summaryRows(results).find((r) => r.candidate === 'bob-untouched' && r.lab === '01-first-integration')!.askNext.join(' ')).toMatch(/duplicate leads/);
  });
});
