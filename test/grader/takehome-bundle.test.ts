import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab, REPO_ROOT } from '../../grader/lab-manifest.ts';
import { protectedFiles } from '../../grader/takehome/audit.ts';
import { buildTakehome, labSeed, type BuiltBundle } from '../../grader/takehome/build.ts';
import { readRecord, sha256 } from '../../grader/takehome/record.ts';
import { walk } from '../../grader/takehome/select-files.ts';

const LABS = ['01', '04'];
const SENTINEL = 'sentinel-admin-token-0f9e8d7c6b5a';
let work: string;
let bundle: BuiltBundle;
let savedToken: string | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'takehome-bundle-'));
  savedToken = process.env['VENDOR_ADMIN_TOKEN'];
  process.env['VENDOR_ADMIN_TOKEN'] = SENTINEL;
  bundle = buildTakehome({ labs: LABS, outDir: join(work, 'out'), seed: 4242, candidate: 'Ada Example', ledgerDir: join(work, 'ledger') });
}, 60_000);

afterAll(() => {
  if (savedToken === undefined) delete process.env['VENDOR_ADMIN_TOKEN'];
  else process.env['VENDOR_ADMIN_TOKEN'] = savedToken;
  rmSync(work, { recursive: true, force: true });
});

describe('a take-home bundle', () => {
  it('holds the chosen labs, their starters and visible checks, the vendor, the harness and CANDIDATE.md', () => {
    for (const id of ['01-first-integration', '04-secure-auth']) {
      const lab = loadLab(id);
      expect(bundle.files).toContain(`labs/${id}/README.md`);
      expect(bundle.files).toContain(lab.tests.visible);
      for (const file of lab.starterFiles) expect(bundle.files).toContain(`labs/${id}/starter/${file}`);
    }
    for (const file of ['CANDIDATE.md', 'package.json', 'takehome.json', 'mock-vendor/main.ts', 'test/harness/graded-lab.ts', 'grader/cli/grade.ts']) expect(bundle.files).toContain(file);
    expect(bundle.files.some((file) => file.startsWith('labs/02-') || file.startsWith('labs/06-'))).toBe(false);
    expect(existsSync(bundle.archive)).toBe(true);
  });

  it('holds no solution, hidden check, bad client, question rubric or hint, by path or by content', () => {
    const offending = bundle.files.filter((file) => /^(solutions|questions|test\/fixtures)\/|\.hidden\.|hints\.md$|(^|\/)\.env$/.test(file));
    expect(offending).toEqual([]);
    const bundled = new Map(bundle.files.map((file) => [sha256(readFileSync(join(bundle.bundleDir, file))), file]));
    const copies = protectedFiles().filter((file) => bundled.has(sha256(readFileSync(join(REPO_ROOT, file)))));
    expect(copies).toEqual([]);
    const hiddenTitles = LABS.flatMap((n) => {
      const hidden = loadLab(n === '01' ? '01-first-integration' : '04-secure-auth').tests.hidden!;
      return [...readFileSync(join(REPO_ROOT, hidden), 'utf8').matchAll(/lab\.check\(\s*'([^']+)'/g)].map((m) => m[1]!);
    });
    expect(hiddenTitles.length).toBeGreaterThan(4);
    const testsText = bundle.files.filter((file) => file.startsWith('test/')).map((file) => readFileSync(join(bundle.bundleDir, file), 'utf8')).join('\n');
    expect(hiddenTitles.filter((title) => testsText.includes(title))).toEqual([]);
    for (const lab of ['01-first-integration', '04-secure-auth']) expect(JSON.parse(readFileSync(join(bundle.bundleDir, 'labs', lab, 'lab.json'), 'utf8')).tests.hidden).toBeUndefined();
  });

  it('holds no secret of the machine that built it, nor the candidate name the interviewer recorded', () => {
    const everything = walk(bundle.bundleDir, bundle.bundleDir).map((file) => readFileSync(join(bundle.bundleDir, file), 'utf8')).join('\n');
    expect(everything.includes(SENTINEL)).toBe(false);
    expect(everything.includes('Ada Example')).toBe(false);
    expect(readRecord(bundle.recordFile).candidate).toBe('Ada Example');
  });

  it('lists only the packages the bundled code and the labs need, with the same scripts as the project', () => {
    const pkg = JSON.parse(readFileSync(join(bundle.bundleDir, 'package.json'), 'utf8'));
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    for (const needed of ['axios', 'express', 'vitest', 'tsx', 'zod', 'commander']) expect(all).toHaveProperty(needed);
    for (const unneeded of ['autocannon', 'testcontainers', 'msw', 'fast-check', '@readme/openapi-parser', 'oauth4webapi']) expect(all).not.toHaveProperty(unneeded);
    expect(pkg.scripts.start).toBe('tsx mock-vendor/main.ts');
    expect(pkg.scripts.test).toContain('grader/cli/grade.ts --no-hidden');
    expect(pkg.scripts.postinstall).toContain('lab.ts init');
  });

  it("records each lab's own seed, and a digest of every bundled check file", () => {
    const record = readRecord(join(bundle.bundleDir, 'takehome.json'));
    expect(record.labs).toEqual([
      { id: '01-first-integration', seed: labSeed(4242, '01-first-integration'), timeEstimateMinutes: 90 },
      { id: '04-secure-auth', seed: labSeed(4242, '04-secure-auth'), timeEstimateMinutes: 120 },
    ]);
    expect(Object.keys(record.visible.files)).toEqual(expect.arrayContaining(['test/labs/04-secure-auth.test.ts', 'test/harness/graded-lab.ts']));
    expect(existsSync(join(work, 'ledger', `${record.id}.json`))).toBe(true);
    const other = buildTakehome({ labs: ['04'], outDir: join(work, 'out2'), ledgerDir: join(work, 'ledger') });
    expect(other.record.id).not.toBe(record.id);
    expect(other.record.labs[0]!.seed).not.toBe(record.labs[1]!.seed);
  }, 60_000);
});
