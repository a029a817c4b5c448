import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLabId, listLabIds, loadLab } from './lab-manifest.ts';

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

  it('says which labs can be graded against a remote vendor: lab 01 declares it, the others default to in-process', () => {
    expect(loadLab('01-first-integration').remoteVendor).toBe(true);
    expect(loadLab('05-lean-release').remoteVendor).toBe(false);
    const good = loadLab('01-first-integration');
    expect(() => loadLab('01-first-integration', repoWith({ ...good, remoteVendor: 'yes' }))).toThrow(/field "remoteVendor"/);
  });

  it('finds a lab by number or id and says when there is none', () => {
    expect(findLabId('1')).toBe('01-first-integration');
    expect(findLabId('01')).toBe('01-first-integration');
    expect(findLabId('01-first-integration')).toBe('01-first-integration');
    expect(findLabId('99')).toBeUndefined();
    expect(() => loadLab('99-nothing')).toThrow(/There is no lab "99-nothing"/);
  });
});
