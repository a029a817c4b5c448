import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import {
  DEFAULT_MIN_SIMILARITY,
  findSimilarPairs,
  readSources,
  readStarter,
  similarityMarkdown,
  type SimilarPair,
  type SourceSet,
} from '../../grader/submissions/similarity.ts';

// `original` is the reference solution of labs 01 and 04 (lab 01 with the shared helpers it
// imports), read from solutions/; in test/fixtures/similarity/, `renamed-copy` is the same code
// renamed, re-commented, partly reordered, split across other files and reformatted (one file
// without semicolons), `independent` a solution of the same two labs written separately (classes,
// native fetch). `starter-only` and `starter-only2` are the untouched starters, as a candidate on
// Windows and one whose editor dropped the final newline would return them.
const LABS = ['01-first-integration', '04-secure-auth'];
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'similarity');
const load = (folder: string, name = folder): SourceSet => ({ name, files: readSources(join(FIXTURES, folder), LABS) });
const starter = readStarter(REPO_ROOT, LABS);
const shared = ['acme-config.ts', 'token-provider.ts', 'vendor-error.ts'].map((file) => [`01-first-integration/${file}`, readFileSync(join(REPO_ROOT, 'solutions', 'shared', file), 'utf8')]);
const original: SourceSet = { name: 'original', files: { ...readSources(join(REPO_ROOT, 'solutions'), LABS), ...Object.fromEntries(shared) } };
const asReturned = (name: string, change: (text: string) => string): SourceSet => ({ name, files: Object.fromEntries(Object.entries(starter).map(([path, text]) => [path, change(text)])) });
const starterOnly = asReturned('starter-only', (text) => text.replace(/\n/g, '\r\n'));
const starterOnly2 = asReturned('starter-only2', (text) => text.trimEnd());
const [renamed, independent] = ['renamed-copy', 'independent'].map((f) => load(f)) as [SourceSet, SourceSet];
const everyone = [original, renamed, independent, starterOnly, starterOnly2];

const pairOf = (pairs: readonly SimilarPair[], x: string, y: string) => pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));

let flagged: SimilarPair[];
let unfiltered: SimilarPair[];
beforeAll(async () => {
  flagged = await findSimilarPairs(everyone, starter);
  unfiltered = await findSimilarPairs(everyone, starter, { minSimilarity: 0 });
});

describe('reading sources', () => {
  const work = mkdtempSync(join(tmpdir(), 'similarity-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reads code and JSON under each lab as lab/path, without node_modules or other files', () => {
    for (const [path, text] of Object.entries({ 'a.ts': 'x', 'sub/b.json': '{}', 'c.mts': 'y', 'd.js': 'z', 'notes.md': '#', 'node_modules/dep/index.js': 'dep' })) {
      mkdirSync(join(work, '01-first-integration', path, '..'), { recursive: true });
      writeFileSync(join(work, '01-first-integration', path), text);
    }
    expect(Object.keys(readSources(work, ['01-first-integration', '02-intermittent-failures'])).sort()).toEqual([
      '01-first-integration/a.ts',
      '01-first-integration/c.mts',
      '01-first-integration/d.js',
      '01-first-integration/sub/b.json',
    ]);
  });

  it('reads the starters in the same form, and the fixtures hold both labs', () => {
    expect(Object.keys(starter).sort()).toEqual(['01-first-integration/index.ts', '04-secure-auth/index.ts']);
    expect(starter['01-first-integration/index.ts']).toBe(readFileSync(join(REPO_ROOT, 'labs/01-first-integration/starter/index.ts'), 'utf8'));
    for (const candidate of everyone) expect(new Set(Object.keys(candidate.files).map((p) => p.split('/')[0]))).toEqual(new Set(LABS));
  });

  it('returns the untouched starters with only line endings changed', () => {
    for (const copy of [starterOnly, starterOnly2]) {
      expect(Object.keys(copy.files).sort()).toEqual(Object.keys(starter).sort());
      for (const [path, text] of Object.entries(copy.files)) {
        expect(text).not.toBe(starter[path]);
        expect(text.replace(/\r\n/g, '\n').trimEnd()).toBe(starter[path]!.trimEnd());
      }
    }
  });
});

describe('findSimilarPairs', () => {
  it('flags a renamed, reordered and reformatted copy, with a high similarity', () => {
    const pair = pairOf(flagged, 'original', 'renamed-copy');
    expect(pair).toBeDefined();
    expect(pair!.similarity).toBeGreaterThan(DEFAULT_MIN_SIMILARITY + 0.2);
    expect(pair!.similarity).toBeLessThanOrEqual(1);
    expect(pair!.sharedLines).toBeGreaterThan(100);
    // Both labs were copied: fragments come from each.
    expect(new Set(pair!.fragments.map((f) => f.aFile.split('/')[0]))).toEqual(new Set(LABS));
  });

  it('does not flag an independent solution against the original or the copy; its similarity is low', () => {
    expect(flagged.filter((p) => p.a === 'independent' || p.b === 'independent')).toEqual([]);
    for (const other of ['original', 'renamed-copy']) {
      const pair = pairOf(unfiltered, 'independent', other);
      expect(pair).toBeDefined();
      expect(pair!.similarity).toBeLessThan(DEFAULT_MIN_SIMILARITY - 0.3);
    }
  });

  it('flags one copied lab even when the other lab of the take-home was written independently', async () => {
    const only = (set: { name: string; files: Record<string, string> }, lab: string) => Object.fromEntries(Object.entries(set.files).filter(([path]) => path.startsWith(`${lab}/`)));
    const original = everyone.find((c) => c.name === 'original')!;
    const independent = everyone.find((c) => c.name === 'independent')!;
    const renamed = everyone.find((c) => c.name === 'renamed-copy')!;
    const mixed = { name: 'mixed', files: { ...only(renamed, LABS[0]!), ...only(independent, LABS[1]!) } };
    const [pair] = await findSimilarPairs([original, mixed], starter);
    expect(pair).toBeDefined();
    const byLab = Object.fromEntries(pair!.labs.map((l) => [l.lab, l.similarity]));
    expect(byLab[LABS[0]!]).toBeGreaterThan(DEFAULT_MIN_SIMILARITY + 0.2);
    expect(byLab[LABS[1]!]).toBeLessThan(DEFAULT_MIN_SIMILARITY - 0.3);
    expect(pair!.similarity).toBe(byLab[LABS[0]!]);
    expect(similarityMarkdown([pair!])).toMatch(/By lab: 01-first-integration \d+%, 04-secure-auth \d+%\./);
  });

  it('does not flag two candidates who both returned the untouched starter', () => {
    expect(pairOf(flagged, 'starter-only', 'starter-only2')).toBeUndefined();
    expect(pairOf(unfiltered, 'starter-only', 'starter-only2')).toMatchObject({ similarity: 0, sharedLines: 0, fragments: [] });
  });

  it('owes that to the starter: without it, the two starters are the same code', async () => {
    const pairs = await findSimilarPairs([starterOnly, starterOnly2], {});
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.similarity).toBeGreaterThan(0.9);
  });

  it('counts the code two candidates added to the starter, not the starter around it', async () => {
    const starterText = starter['01-first-integration/index.ts']!;
    const added = readFileSync(join(REPO_ROOT, 'solutions/shared/token-provider.ts'), 'utf8');
    const file = `${starterText}\n${added}`;
    const firstAddedLine = starterText.split('\n').length + 1;
    const addedCodeLines = added.split('\n').filter((line) => line.trim() !== '' && !/^\s*(\/\/|\/\*\*|\*)/.test(line)).length;
    const [pair] = await findSimilarPairs(
      [
        { name: 'x', files: { '01-first-integration/index.ts': file } },
        { name: 'y', files: { '01-first-integration/index.ts': file } },
      ],
      starter,
    );
    expect(pair).toBeDefined();
    expect(pair!.sharedLines).toBe(addedCodeLines);
    expect(pair!.similarity).toBe(1);
    for (const f of pair!.fragments) {
      expect(f.aLines[0]).toBeGreaterThanOrEqual(firstAddedLine);
      expect(f.bLines[0]).toBeGreaterThanOrEqual(firstAddedLine);
    }
  });

  it('reports fragments whose line ranges point at the same code on both sides', () => {
    const pair = pairOf(flagged, 'original', 'renamed-copy')!;
    const filesOf = { [original.name]: original.files, [renamed.name]: renamed.files };
    let interiorsChecked = 0;
    for (const f of pair.fragments) {
      const aText = filesOf[pair.a]![f.aFile];
      const bText = filesOf[pair.b]![f.bFile];
      expect(aText, f.aFile).toBeDefined();
      expect(bText, f.bFile).toBeDefined();
      expect(f.aFile.split('/')[0]).toBe(f.bFile.split('/')[0]);
      for (const [[first, last], text] of [
        [f.aLines, aText!],
        [f.bLines, bText!],
      ] as const) {
        expect(first).toBeGreaterThanOrEqual(1);
        expect(last).toBeGreaterThanOrEqual(first);
        expect(last).toBeLessThanOrEqual(text.split('\n').length);
        expect(f.lines).toBeLessThanOrEqual(last - first + 1);
      }
      expect(f.lines).toBeGreaterThan(0);
      const excerpt = f.excerpt.split('\n');
      expect(excerpt.length).toBeLessThanOrEqual(6);
      // The excerpt is the a side's first lines, dedented, long lines cut with an ellipsis.
      expect(aText!.split('\n')[f.aLines[0] - 1]!.trim().startsWith(excerpt[0]!.trim().replace(/…$/, ''))).toBe(true);
      // The lines strictly inside the a range are all shared code, so their tokens (names and
      // literals aside) appear, in order and contiguous, inside the b range.
      if (f.aLines[1] - f.aLines[0] >= 2) {
        const inside = shape(aText!, f.aLines[0] + 1, f.aLines[1] - 1);
        expect(inside.length).toBeGreaterThan(0);
        expect(shape(bText!, f.bLines[0], f.bLines[1]).join(' ')).toContain(inside.join(' '));
        interiorsChecked++;
      }
    }
    expect(interiorsChecked).toBeGreaterThanOrEqual(5);
    // One we know: the original's field-by-field mapping is the copy's mapping.ts.
    const mapping = pair.fragments.find((f) => f.aFile === '01-first-integration/to-customer.ts' && f.bFile === '01-first-integration/mapping.ts');
    const returnLine = original.files['01-first-integration/to-customer.ts']!.split('\n').findIndex((line) => line.includes('return {')) + 1;
    expect(mapping).toBeDefined();
    expect(mapping!.aLines[0]).toBeLessThanOrEqual(returnLine);
    // Down to `lifecycle`, which the copy spelt `lifecycle: stage`: the three lines after it are too short a clone.
    expect(mapping!.aLines[1]).toBeGreaterThanOrEqual(returnLine + 7);
  });

  it('is deterministic and does not depend on the order of the candidates', async () => {
    const again = await findSimilarPairs(everyone, starter, { minSimilarity: 0 });
    const reversed = await findSimilarPairs([...everyone].reverse(), starter, { minSimilarity: 0 });
    const shuffled = await findSimilarPairs([starterOnly2, renamed, original, starterOnly, independent], starter, { minSimilarity: 0 });
    expect(again).toEqual(unfiltered);
    expect(reversed).toEqual(unfiltered);
    expect(shuffled).toEqual(unfiltered);
    expect(unfiltered).toHaveLength(10);
    for (let i = 1; i < unfiltered.length; i++) expect(unfiltered[i - 1]!.similarity).toBeGreaterThanOrEqual(unfiltered[i]!.similarity);
  });

  it('orders names by code unit, not by locale', async () => {
    const pairs = await findSimilarPairs([{ ...original, name: 'alice' }, { ...renamed, name: 'Zed' }, { ...original, name: 'Émile' }], starter);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ['alice', 'Émile'],
      ['Zed', 'alice'],
      ['Zed', 'Émile'],
    ]);
  });
});

describe('similarityMarkdown', () => {
  it('says so when no pair shares much more than the starter', () => {
    expect(similarityMarkdown([])).toBe('## Similar submissions\n\nNo pair of candidates shares much more than the starter.\n');
  });

  it('names each pair, its similarity and shared lines, and up to three fragments with both sides and an excerpt', async () => {
    const pairs = await findSimilarPairs([{ ...original, name: 'a|b' }, renamed], starter);
    const text = similarityMarkdown(pairs);
    const pair = pairs[0]!;
    expect(text.startsWith('## Similar submissions\n')).toBe(true);
    expect(text).toContain('read both before the interview; similarity is not proof of copying');
    expect(text).toContain(`### a\\|b and renamed-copy: ${Math.round(pair.similarity * 100)}% similar, ${pair.sharedLines} shared lines`);
    expect(outsideCode(text)).not.toMatch(/(?<!\\)\|/);
    expect(outsideCode(text)).toContain('a\\|b');
    const items = text.split('\n').filter((line) => line.startsWith('- '));
    expect(pair.fragments.length).toBeGreaterThan(3);
    expect(items).toHaveLength(3);
    const top = pair.fragments[0]!;
    expect(items[0]).toContain(`a\\|b: ${top.aFile}:${top.aLines[0]}-${top.aLines[1]}; renamed-copy: ${top.bFile}:${top.bLines[0]}-${top.bLines[1]}`);
    expect(text).toContain(`\`\`\`ts\n${top.excerpt}\n\`\`\`\n`);
  });

  it('keeps names, paths and excerpts from breaking the Markdown', () => {
    const text = similarityMarkdown([
      {
        a: 'x`y*z\nnext',
        b: '[link](http://e.com)',
        similarity: 0.5,
        sharedLines: 1,
        labs: [{ lab: '01-lab', similarity: 0.5, sharedLines: 1 }],
        fragments: [{ aFile: '01-lab/a_b.ts', aLines: [1, 3], bFile: '01-lab/c|d.ts', bLines: [2, 4], lines: 3, excerpt: 'const s = `x`;\nconst fence = "```";\n```' }],
      },
    ]);
    expect(text).toContain('### x\\`y\\*z next and \\[link\\]\\(http://e.com\\): 50% similar, 1 shared line\n');
    expect(text).toContain('01-lab/a\\_b.ts:1-3');
    expect(text).toContain('01-lab/c\\|d.ts:2-4');
    expect(text).toContain('\n````ts\nconst s = `x`;\nconst fence = "```";\n```\n````\n');
  });
});

/** The Markdown with its fenced code blocks taken out. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

/** Token kinds of lines first..last of a TypeScript text: names, literals and formatting-only tokens reduced as the detector reduces them. */
function shape(text: string, first: number, last: number): string[] {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(source);
    if (children.length > 0) return children.forEach(visit);
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    if (line < first || line > last || node.kind === ts.SyntaxKind.SemicolonToken || node.kind === ts.SyntaxKind.CommaToken || node.kind === ts.SyntaxKind.EndOfFileToken) return;
    out.push(ts.isIdentifier(node) || ts.isPrivateIdentifier(node) ? 'id' : ts.isStringLiteralLike(node) ? 'str' : ts.isNumericLiteral(node) ? 'num' : ts.SyntaxKind[node.kind]!);
  };
  visit(source);
  return out;
}
