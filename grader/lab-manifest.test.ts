import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findLabId, listLabIds, loadLab, REPO_ROOT } from './lab-manifest.ts';
import { labTasks, parseTasks } from './lab-tasks.ts';

function repoWith(manifest: unknown, id = '01-first-integration'): string {
  const root = mkdtempSync(join(tmpdir(), 'manifest-'));
  mkdirSync(join(root, 'labs', id), { recursive: true });
  writeFileSync(join(root, 'labs', id, 'lab.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return root;
}

describe('lab manifests', () => {
  it('loads every lab in the repository', () => {
    const ids = listLabIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(loadLab(id).id).toBe(id);
  });

  it('reads each README\'s numbered tasks, and names each essential in the lab\'s interview rubric', () => {
    for (const id of listLabIds()) {
      const tasks = labTasks(id);
      expect(tasks.map((t) => t.number), id).toEqual(tasks.map((_, i) => i + 1));
      const lab = loadLab(id);
      for (const n of Object.keys(lab.reviewedByAPerson)) expect(tasks.some((t) => String(t.number) === n), `${id}: reviewedByAPerson names task ${n}`).toBe(true);
      const rubric = readFileSync(join(REPO_ROOT, lab.question), 'utf8');
      const section = rubric.slice(rubric.indexOf('## The essentials in the graded lab'));
      expect(rubric.includes('## The essentials in the graded lab'), `${lab.question} explains the essentials`).toBe(true);
      for (const title of lab.essentials) expect(section, `${lab.question} names "${title}"`).toContain(title);
    }
    expect(parseTasks('# x\n## Your tasks\n\n1. **Read every `contact`.** text\n   more\n2. **Tokens:** t\n## Next\n3. **no**')).toEqual([
      { number: 1, title: 'Read every contact' },
      { number: 2, title: 'Tokens' },
    ]);
  });

  it('refuses a time zone that does not exist', () => {
    const good = loadLab('01-first-integration');
    expect(() => loadLab('01-first-integration', repoWith({ ...good, timeZones: ['Mars/Olympus'] }))).toThrow(/field "timeZones.0": an IANA time zone/);
  });

  it('names the file and the field when a manifest is wrong', () => {
    const good = loadLab('01-first-integration');
    const root = repoWith({ ...good, difficulty: 'tricky' });
    expect(() => loadLab('01-first-integration', root)).toThrow(/lab\.json is not a valid lab manifest: field "difficulty"/);
  });

  it('says when a manifest is not JSON or its id does not match its folder', () => {
    expect(() => loadLab('01-first-integration', repoWith('{ "id": '))).toThrow(/is not valid JSON/);
    const good = loadLab('01-first-integration');
    expect(() => loadLab('01-first-integration', repoWith({ ...good, id: '02-other' }))).toThrow(/field "id" is "02-other" but the folder is "01-first-integration"/);
  });

  it('finds a lab by number or id and says when there is none', () => {
    expect(findLabId('1')).toBe('01-first-integration');
    expect(findLabId('01')).toBe('01-first-integration');
    expect(findLabId('01-first-integration')).toBe('01-first-integration');
    expect(findLabId('99')).toBeUndefined();
    expect(() => loadLab('99-nothing')).toThrow(/There is no lab "99-nothing"/);
  });
});
