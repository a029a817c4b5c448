/**
 * Flags pairs of candidates in a batch whose take-homes share much more code than the starter gave
 * them all. Detection is @jscpd/core's (the Rabin-Karp frame walk of `Detector`, which grows a clone
 * while consecutive windows of tokens are found in its store); this file supplies what the core
 * leaves to its caller, through the two extension points it documents (ITokenizer, IStore):
 *
 * - **Tokens.** @jscpd/core ships no tokenizer, and jscpd's own (@jscpd/tokenizer, not installed)
 *   hashes each token's type *and value*, so `total` and `sum` differ and a renamed variable breaks
 *   every window it is in; its "modes" only drop whitespace and comments. So we tokenize with the
 *   TypeScript compiler and normalise before hashing: every identifier is `id`, every string or
 *   number literal `str` / `num` (messages get reworded as easily as names), keywords and
 *   punctuation stay as they are. Comments never become tokens (jscpd's "weak" mode), so rewritten
 *   comments and reformatting change nothing either. JSON keeps its values: with nothing but keys
 *   and literals, its structure alone would match any two files of the same shape.
 * - **Store.** The earlier candidate's frames (by name) are a read-only store the later candidate's
 *   files are detected against, one file at a time; a frame that is not found is not added, so a
 *   candidate's repeats of its own code never start a clone. The starter's frames are the store
 *   for a first pass that marks which of a candidate's tokens came from the starter.
 *
 * Each clone is checked token by token afterwards: the core grows a clone without checking that
 * the stored frames are consecutive, and a frame id is a hash. Only tokens outside the starter on
 * both sides count; a clone made only of starter code is dropped.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Detector, type IClone, type IMapFrame, type IOptions, type IStore, type IToken, type ITokenizer, type ITokensMap } from '@jscpd/core';
import ts from 'typescript';

export interface SourceSet {
  name: string;
  /** Relative path (`01-first-integration/acme-client.ts`: the lab first) to the file's text. */
  files: Record<string, string>;
}

export interface SharedFragment {
  aFile: string;
  /** First and last line (1-based, inclusive) of the shared code in `aFile`. */
  aLines: [number, number];
  bFile: string;
  bLines: [number, number];
  /** Lines of code (not from the starter) the fragment covers, the smaller of the two sides. */
  lines: number;
  /** The first lines of the fragment in `aFile`, dedented: raw code, to be fenced when shown. */
  excerpt: string;
}

export interface SimilarPair {
  /** The pair's names in code-unit order: `a < b`. */
  a: string;
  b: string;
  /** The highest of `labs`' figures, 0..1: the pair is flagged when one lab is this similar. */
  similarity: number;
  sharedLines: number;
  /** Each lab both did: shared lines over the smaller of the two candidates' own (non-starter) lines there. */
  labs: LabSimilarity[];
  /** Largest first. */
  fragments: SharedFragment[];
}

export interface LabSimilarity {
  lab: string;
  similarity: number;
  sharedLines: number;
}

export interface SimilarityOptions {
  /**
   * Pairs at or above this similarity are returned. Default 0.5: in test/fixtures/similarity a
   * renamed, reordered and reformatted copy of a solution scores about 0.8, an independently
   * written solution of the same labs 0, and a pair that both returned the starter 0.
   */
  minSimilarity?: number;
  /**
   * The smallest clone, in normalised tokens (jscpd's `minTokens`; its default is 50), about three
   * to five lines of code. Default 40: in the fixtures, an independent solution starts to share
   * fragments with the reference below 25 tokens (an import block, a config-reading signature:
   * shapes the contract imposes), while the renamed copy scores 0.92 at 20, 0.80 at 40, 0.77 at 50.
   */
  minTokens?: number;
}

export const DEFAULT_MIN_SIMILARITY = 0.5;
export const DEFAULT_MIN_TOKENS = 40;
const EXCERPT_LINES = 6;
const EXCERPT_WIDTH = 120;
const SOURCE_EXTENSIONS = /\.(?:ts|mts|js|json)$/;
/** A returned file larger than this is not code anyone wrote by hand; reading it would only slow the batch. */
const MAX_FILE_BYTES = 512 * 1024;

/**
 * Pairs of candidates whose work for the same lab shares code the starter does not hold, most
 * similar first. Files are compared only with the other candidate's files of the same lab (the
 * path's first segment). Async because @jscpd/core's detector is: its store is promise-based.
 */
export async function findSimilarPairs(
  candidates: readonly SourceSet[],
  starter: Record<string, string>,
  options: SimilarityOptions = {},
): Promise<SimilarPair[]> {
  const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  const minTokens = options.minTokens ?? DEFAULT_MIN_TOKENS;
  if (!(minSimilarity >= 0 && minSimilarity <= 1)) throw new RangeError(`minSimilarity must be between 0 and 1, not ${minSimilarity}.`);
  if (!Number.isInteger(minTokens) || minTokens < 10) throw new RangeError(`minTokens must be a whole number of at least 10, not ${minTokens}.`);
  const names = candidates.map((c) => c.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new Error(`Two candidates are both named "${duplicate}": names must be unique.`);

  // Starter code is recognised at a finer grain than a clone between candidates: a starter's
  // function signature (about 25 tokens) is then not counted as a candidate's own code.
  const starterTokens = Math.max(10, Math.floor(minTokens / 2));
  const registry = new Map<string, TokenizedFile>();
  const load = (owner: string, files: Record<string, string>) =>
    Object.keys(files)
      .filter((path) => SOURCE_EXTENSIONS.test(path) && path.includes('/'))
      .sort(byCodeUnit)
      .map((path) => {
        const file = tokenizeFile(`${owner}\u0000${path}`, path, files[path]!);
        registry.set(file.id, file);
        return file;
      });

  const starterByLab = groupByLab(load('starter', starter));
  const starterIndexes = new Map([...starterByLab].map(([lab, files]) => [lab, frameIndex(files, starterTokens)]));
  const people = await Promise.all(
    [...candidates]
      .sort((x, y) => byCodeUnit(x.name, y.name))
      .map(async (candidate) => {
        const byLab = groupByLab(load(`candidate:${candidate.name}`, candidate.files));
        for (const [lab, files] of byLab) {
          const index = starterIndexes.get(lab);
          if (!index) continue;
          for (const file of files) {
            for (const match of await detect(file, index, registry, starterTokens)) {
              for (let k = 0; k < match.length; k++) file.starter[match.curStart + k] = true;
            }
          }
        }
        return {
          name: candidate.name,
          byLab,
          indexes: new Map([...byLab].map(([lab, files]) => [lab, frameIndex(files, minTokens)])),
          ownLines: new Map([...byLab].map(([lab, files]) => [lab, files.reduce((sum, file) => sum + ownLines(file).size, 0)])),
        };
      }),
  );

  const pairs: SimilarPair[] = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      const a = people[i]!;
      const b = people[j]!;
      const fragments: SharedFragment[] = [];
      const labs: LabSimilarity[] = [];
      // Lab by lab (only the labs both did): one copied lab in a take-home of three is still flagged.
      for (const [lab, aFiles] of a.byLab) {
        const bFiles = b.byLab.get(lab);
        if (!bFiles) continue;
        const sharedA = new Set<string>();
        const sharedB = new Set<string>();
        const ownA = a.ownLines.get(lab)!;
        const ownB = b.ownLines.get(lab)!;
        const index = a.indexes.get(lab)!;
        for (const bFile of bFiles) {
          // Skipping a file none of whose windows is in a's files is exact: a clone starts with one.
          if (!windows(bFile, minTokens).some((id) => index.get(bFile.format)?.has(id))) continue;
          for (const match of await detect(bFile, index, registry, minTokens)) {
            const fragment = toFragment(match, sharedA, sharedB);
            if (fragment) fragments.push(fragment);
          }
        }
        const smaller = Math.min(ownA, ownB);
        const shared = Math.min(sharedA.size, sharedB.size);
        labs.push({ lab, similarity: smaller === 0 ? 0 : shared / smaller, sharedLines: shared });
      }
      const similarity = Math.max(0, ...labs.map((l) => l.similarity));
      const sharedLines = labs.reduce((sum, l) => sum + l.sharedLines, 0);
      if (similarity < minSimilarity) continue;
      fragments.sort(
        (x, y) =>
          y.lines - x.lines ||
          byCodeUnit(x.aFile, y.aFile) ||
          x.aLines[0] - y.aLines[0] ||
          byCodeUnit(x.bFile, y.bFile) ||
          x.bLines[0] - y.bLines[0],
      );
      pairs.push({ a: a.name, b: b.name, similarity, sharedLines, labs, fragments });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || byCodeUnit(x.a, y.a) || byCodeUnit(x.b, y.b));
}

/** The "## Similar submissions" section of the batch summary. */
export function similarityMarkdown(pairs: readonly SimilarPair[]): string {
  const out = ['## Similar submissions', ''];
  if (pairs.length === 0) {
    out.push('No pair of candidates shares much more than the starter.');
    return `${out.join('\n')}\n`;
  }
  out.push('Each pair below shares much more than the starter: read both before the interview; similarity is not proof of copying.', '');
  for (const pair of pairs) {
    const a = inline(pair.a);
    const b = inline(pair.b);
    out.push(`### ${a} and ${b}: ${Math.round(pair.similarity * 100)}% similar, ${pair.sharedLines} shared line${pair.sharedLines === 1 ? '' : 's'}`, '');
    if (pair.labs.length > 1) out.push(`By lab: ${pair.labs.map((l) => `${l.lab} ${Math.round(l.similarity * 100)}%`).join(', ')}.`, '');
    const shown = pair.fragments.slice(0, 3);
    if (pair.fragments.length > shown.length) out.push(`The ${shown.length} largest of ${pair.fragments.length} shared fragments:`, '');
    for (const f of shown) {
      const excerptLines = f.excerpt.split('\n').length;
      const more = f.aLines[1] - f.aLines[0] + 1 > excerptLines ? ` (first ${excerptLines} lines)` : '';
      out.push(
        `- ${a}: ${inline(`${f.aFile}:${f.aLines[0]}-${f.aLines[1]}`)}; ${b}: ${inline(`${f.bFile}:${f.bLines[0]}-${f.bLines[1]}`)}; ${f.lines} line${f.lines === 1 ? '' : 's'}${more}`,
        '',
        fenced(f.excerpt, f.aFile),
        '',
      );
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Every `.ts`, `.mts`, `.js` and `.json` file under `dir/<lab>/`, keyed `lab/relative/path`; no node_modules, no links. */
export function readSources(dir: string, labs: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lab of labs) readTree(join(dir, lab), lab, files);
  return files;
}

/** Each lab's pristine starter (`labs/<lab>/starter/**`), keyed like a candidate's files: `lab/relative/path`. */
export function readStarter(repoRoot: string, labs: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lab of labs) readTree(join(repoRoot, 'labs', lab, 'starter'), lab, files);
  return files;
}

function readTree(dir: string, prefix: string, into: Record<string, string>): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort(byCodeUnit);
  } catch {
    return; // no work for this lab
  }
  for (const name of names) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) readTree(path, `${prefix}/${name}`, into);
    else if (stat.isFile() && SOURCE_EXTENSIONS.test(name) && stat.size <= MAX_FILE_BYTES) into[`${prefix}/${name}`] = readFileSync(path, 'utf8');
  }
}

// --- Tokens -------------------------------------------------------------------------------------

interface TokenizedFile {
  /** Unique in one run: owner and path. */
  id: string;
  path: string;
  format: 'typescript' | 'json';
  lines: string[];
  /** jscpd tokens; `loc.start.position` and `loc.end.position` are the token's index. */
  tokens: IToken[];
  /** The normalised token each jscpd token was hashed as. */
  keys: string[];
  /** Per window size n: the hash of tokens i .. i + n - 1, for every i (see `windows`). */
  windows: Map<number, string[]>;
  /** Tokens that came from the starter (set by the starter pass). */
  starter: boolean[];
}

const LITERAL_CLASS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.Identifier, 'id'],
  [ts.SyntaxKind.PrivateIdentifier, 'id'],
  [ts.SyntaxKind.StringLiteral, 'str'],
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral, 'str'],
  [ts.SyntaxKind.NumericLiteral, 'num'],
  [ts.SyntaxKind.BigIntLiteral, 'num'],
  [ts.SyntaxKind.RegularExpressionLiteral, 're'],
  [ts.SyntaxKind.TemplateHead, 'tpl{'],
  [ts.SyntaxKind.TemplateMiddle, '}tpl{'],
  [ts.SyntaxKind.TemplateTail, '}tpl'],
  [ts.SyntaxKind.JsxText, 'text'],
]);

function tokenizeFile(id: string, path: string, text: string): TokenizedFile {
  const json = path.endsWith('.json');
  const kind = json ? ts.ScriptKind.JSON : path.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const format = json ? 'json' : 'typescript';
  const tokens: IToken[] = [];
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return; // doc comments
    const children = node.getChildren(source);
    if (children.length > 0) return children.forEach(visit);
    const start = node.getStart(source);
    if (node.kind === ts.SyntaxKind.EndOfFileToken || node.end <= start) return;
    const value = text.slice(start, node.end);
    const key = json ? `${node.kind}:${value}` : (LITERAL_CLASS.get(node.kind) ?? String(node.kind));
    const from = source.getLineAndCharacterOfPosition(start);
    const to = source.getLineAndCharacterOfPosition(node.end - 1);
    tokens.push({
      type: 'code',
      value: key,
      length: value.length,
      format,
      range: [start, node.end],
      // position: the token's index, set below once the formatting tokens are gone
      loc: { start: { line: from.line + 1, column: from.character + 1, position: 0 }, end: { line: to.line + 1, column: to.character + 2, position: 0 } },
    });
    keys.push(key);
  };
  visit(source);
  if (!json) dropFormattingTokens(tokens, keys);
  tokens.forEach((token, i) => (token.loc!.start.position = token.loc!.end.position = i));
  return { id, path, format, lines: text.split(/\r?\n/), tokens, keys, windows: new Map(), starter: keys.map(() => false) };
}

/**
 * Drops what a formatter adds or removes without changing the program: semicolons (a Prettier
 * `semi: false` pass removes nearly all of them) and trailing commas before a closing bracket.
 */
function dropFormattingTokens(tokens: IToken[], keys: string[]): void {
  const semicolon = String(ts.SyntaxKind.SemicolonToken);
  const comma = String(ts.SyntaxKind.CommaToken);
  const closing = new Set([ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.GreaterThanToken].map(String));
  let kept = 0;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === semicolon || (keys[i] === comma && closing.has(keys[i + 1]!))) continue;
    tokens[kept] = tokens[i]!;
    keys[kept++] = keys[i]!;
  }
  tokens.length = kept;
  keys.length = kept;
}

/** A rolling (Rabin-Karp) hash of every window of `size` tokens of `file`, two moduli wide. */
function windows(file: TokenizedFile, size: number): string[] {
  const known = file.windows.get(size);
  if (known) return known;
  const ids: string[] = [];
  file.windows.set(size, ids);
  const { keys } = file;
  if (keys.length < size) return ids;
  const P1 = 2_147_483_647;
  const P2 = 2_147_483_629;
  const B1 = 131_071;
  const B2 = 65_599;
  const codes = keys.map((key) => {
    let h = 7;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 1_000_003;
    return h;
  });
  let pow1 = 1;
  let pow2 = 1;
  for (let i = 1; i < size; i++) {
    pow1 = (pow1 * B1) % P1;
    pow2 = (pow2 * B2) % P2;
  }
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < codes.length; i++) {
    if (i >= size) {
      h1 = (h1 - ((codes[i - size]! * pow1) % P1) + P1) % P1;
      h2 = (h2 - ((codes[i - size]! * pow2) % P2) + P2) % P2;
    }
    h1 = (h1 * B1 + codes[i]!) % P1;
    h2 = (h2 * B2 + codes[i]!) % P2;
    if (i >= size - 1) ids.push(`${h1.toString(36)}.${h2.toString(36)}`);
  }
  return ids;
}

/** The lines of `file` holding at least one token that is not the starter's. */
function ownLines(file: TokenizedFile): Set<number> {
  const lines = new Set<number>();
  file.tokens.forEach((token, i) => {
    if (!file.starter[i]) for (let line = token.loc!.start.line; line <= token.loc!.end.line; line++) lines.add(line);
  });
  return lines;
}

// --- Detection through @jscpd/core ----------------------------------------------------------------

type FrameIndex = Map<string, Map<string, IMapFrame>>;

function frame(file: TokenizedFile, i: number, size: number): IMapFrame {
  return { id: windows(file, size)[i]!, sourceId: file.id, start: file.tokens[i]!, end: file.tokens[i + size - 1]! };
}

/** Every window of `files`, per format; the first occurrence of a window is the one kept, as in jscpd. */
function frameIndex(files: readonly TokenizedFile[], size: number): FrameIndex {
  const index: FrameIndex = new Map();
  for (const file of files) {
    const frames = index.get(file.format) ?? new Map<string, IMapFrame>();
    index.set(file.format, frames);
    windows(file, size).forEach((id, i) => {
      if (!frames.has(id)) frames.set(id, frame(file, i, size));
    });
  }
  return index;
}

/** The files are tokenized once per run; the detector asks for one by id. */
class PreTokenized implements ITokenizer {
  constructor(
    private readonly file: TokenizedFile,
    private readonly size: number,
  ) {}

  generateMaps(id: string): ITokensMap[] {
    return id === this.file.id && windows(this.file, this.size).length > 0 ? [new FrameMap(this.file, this.size)] : [];
  }
}

class FrameMap implements ITokensMap {
  private position = 0;

  constructor(
    private readonly file: TokenizedFile,
    private readonly size: number,
  ) {}

  getFormat(): string {
    return this.file.format;
  }

  getLinesCount(): number {
    return this.file.lines.length;
  }

  getTokensCount(): number {
    return this.file.tokens.length;
  }

  getId(): string {
    return this.file.id;
  }

  next(): IteratorResult<IMapFrame | boolean> {
    if (this.position >= windows(this.file, this.size).length) return { done: true, value: false };
    return { done: false, value: frame(this.file, this.position++, this.size) };
  }
}

/** A store that only answers: frames of the file being detected are never added to it. */
class ReadOnlyStore implements IStore<IMapFrame> {
  private frames: ReadonlyMap<string, IMapFrame> = new Map();

  constructor(private readonly index: FrameIndex) {}

  namespace(name: string): void {
    this.frames = this.index.get(name) ?? new Map();
  }

  get(key: string): Promise<IMapFrame> {
    const found = this.frames.get(key);
    return found ? Promise.resolve(found) : Promise.reject(new Error('not found'));
  }

  set(_key: string, value: IMapFrame): Promise<IMapFrame> {
    return Promise.resolve(value);
  }

  close(): void {}
}

interface Match {
  cur: TokenizedFile;
  curStart: number;
  stored: TokenizedFile;
  storedStart: number;
  length: number;
}

/** Clones of `file` (the current source) in the files behind `index`, checked token by token. */
async function detect(file: TokenizedFile, index: FrameIndex, registry: ReadonlyMap<string, TokenizedFile>, minTokens: number): Promise<Match[]> {
  // minLines: the core replaces a 0 by its default of 5 (`||`); -1 turns its line-count validator
  // off, so the only size limit is minTokens, which does not depend on how the code is wrapped.
  const options: IOptions = { minTokens, minLines: -1 };
  const clones: IClone[] = await new Detector(new PreTokenized(file, minTokens), new ReadOnlyStore(index), [], options).detect(file.id, '', file.format);
  const matches: Match[] = [];
  for (const clone of clones) {
    const stored = registry.get(clone.duplicationB.sourceId);
    const curStart = clone.duplicationA.start.position!;
    const storedStart = clone.duplicationB.start.position!;
    const claimed = clone.duplicationA.end.position! - curStart + 1;
    if (!stored) continue;
    let length = 0;
    while (length < claimed && file.keys[curStart + length] !== undefined && file.keys[curStart + length] === stored.keys[storedStart + length]) length++;
    if (length >= minTokens) matches.push({ cur: file, curStart, stored, storedStart, length });
  }
  return matches;
}

/** A match as a fragment of the pair (stored side = a), trimmed to the tokens neither side got from the starter. */
function toFragment(match: Match, sharedA: Set<string>, sharedB: Set<string>): SharedFragment | undefined {
  const { stored: a, cur: b } = match;
  const own: number[] = [];
  for (let k = 0; k < match.length; k++) if (!a.starter[match.storedStart + k] && !b.starter[match.curStart + k]) own.push(k);
  if (own.length === 0) return undefined;
  const linesOf = (file: TokenizedFile, start: number, into: Set<string>) => {
    const lines = new Set<number>();
    for (const k of own) {
      const loc = file.tokens[start + k]!.loc!;
      for (let line = loc.start.line; line <= loc.end.line; line++) lines.add(line);
    }
    for (const line of lines) into.add(`${file.path}:${line}`);
    return lines;
  };
  const aLines = linesOf(a, match.storedStart, sharedA);
  const bLines = linesOf(b, match.curStart, sharedB);
  const span = (file: TokenizedFile, start: number): [number, number] => [
    file.tokens[start + own[0]!]!.loc!.start.line,
    file.tokens[start + own[own.length - 1]!]!.loc!.end.line,
  ];
  const aSpan = span(a, match.storedStart);
  return { aFile: a.path, aLines: aSpan, bFile: b.path, bLines: span(b, match.curStart), lines: Math.min(aLines.size, bLines.size), excerpt: excerpt(a.lines, aSpan) };
}

function excerpt(lines: readonly string[], [first, last]: [number, number]): string {
  const picked = lines.slice(first - 1, Math.min(last, first + EXCERPT_LINES - 1)).map((line) => line.replace(/\t/g, '  ').trimEnd());
  const indent = Math.min(...picked.filter((line) => line.length > 0).map((line) => line.length - line.trimStart().length));
  return picked
    .map((line) => line.slice(Number.isFinite(indent) ? indent : 0))
    .map((line) => (line.length > EXCERPT_WIDTH ? `${line.slice(0, EXCERPT_WIDTH - 1)}…` : line))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

// --- Small helpers --------------------------------------------------------------------------------

/** Plain code-unit order, the same on every machine whatever its locale. */
function byCodeUnit(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function groupByLab(files: readonly TokenizedFile[]): Map<string, TokenizedFile[]> {
  const byLab = new Map<string, TokenizedFile[]>();
  for (const file of files) {
    const lab = file.path.slice(0, file.path.indexOf('/'));
    byLab.set(lab, [...(byLab.get(lab) ?? []), file]);
  }
  return byLab;
}

/** Text safe on one Markdown line: no line breaks, and every character Markdown could read as syntax escaped. */
function inline(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&');
}

/** A fenced code block that no backtick run inside the code can close early. */
function fenced(code: string, file: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const language = file.endsWith('.json') ? 'json' : file.endsWith('.js') ? 'js' : 'ts';
  return `${fence}${language}\n${code}\n${fence}`;
}
