import { transformSync } from 'esbuild';

/**
 * The given client rewritten without changing what it does. A suite earns a mutant's points only
 * if it also passes against each variant: a test that pins client.ts's bytes (a hash, a snapshot
 * of the source, a line number) fails them, because it tests the text, not the behaviour.
 */
export interface Variant {
  id: string;
  /** What was changed, for feedback: "the same client, reformatted". */
  change: string;
  rewrite(source: string): string;
}

/** Internal names of the given client and what the renamed variant calls them. */
const RENAMES: Readonly<Record<string, string>> = {
  isTransient: 'looksTransient',
  isRepeatable: 'safeToRepeat',
  isTokenRejected: 'tokenWasRefused',
  failureOf: 'describeFailure',
  toContact: 'contactFromAcme',
  fetchToken: 'requestNewToken',
  accessToken: 'currentToken',
};

export const VARIANTS: readonly Variant[] = [
  {
    id: 'variant-reformatted',
    change: 'reformatted (compiled to plain JavaScript, types removed, other line breaks)',
    rewrite: (source) => `// The given client, reformatted: same behaviour, other bytes.\n${transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code}`,
  },
  {
    id: 'variant-renamed',
    change: 'with its internal helpers renamed and moved below createAcmeClient',
    rewrite: (source) => moveHelpersDown(rename(source)),
  },
];

function rename(source: string): string {
  return Object.entries(RENAMES).reduce((text, [from, to]) => {
    const pattern = new RegExp(`\\b${from}\\b`, 'g');
    if (!pattern.test(text)) throw new Error(`The renamed variant does not fit the given client: it has no "${from}". Update RENAMES in ${import.meta.filename}.`);
    return text.replace(pattern, to);
  }, source);
}

/** Helpers are only called from inside createAcmeClient's functions, so they may live after it. */
function moveHelpersDown(source: string): string {
  const start = source.indexOf(`const ${RENAMES['isTransient']} =`);
  const end = source.indexOf('export function createAcmeClient');
  const tail = source.indexOf('export type AcmeClient');
  if (start < 0 || end < start || tail < end) throw new Error(`The renamed variant does not fit the given client: cannot find its helpers before createAcmeClient. Update ${import.meta.filename}.`);
  return source.slice(0, start) + source.slice(end, tail) + source.slice(start, end) + source.slice(tail);
}
