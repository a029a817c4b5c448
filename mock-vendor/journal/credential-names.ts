/**
 * Whether a header, query parameter or body field name says its value is a credential: by its
 * words, in any case and with `_`, `-` or camelCase between them (client_secret, clientSecret,
 * X-Api-Key, refresh_token, passwd). `token` and `key` count only as the last word, so
 * `token_type_hint` and `keyword` stay readable, and not after a word that makes them a position or
 * an operation's name: `page_token` is a paging cursor (lab 03 compares it with `cursor`), and
 * `Idempotency-Key` names an operation (the console groups retries by it).
 */
export function isCredentialName(name: string): boolean {
  let known = decided.get(name);
  if (known === undefined) {
    known = judge(name);
    // Names come from clients: bounded, so a client sending endless new names cannot grow it.
    if (decided.size >= DECIDED_MAX_ENTRIES) decided.clear();
    decided.set(name, known);
  }
  return known;
}

const CREDENTIAL_ANYWHERE = new Set(['secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'apikey', 'credential', 'credentials']);
const CREDENTIAL_LAST = new Set(['token', 'tokens', 'key', 'keys']);
const NOT_CREDENTIAL_QUALIFIERS = new Set(['idempotency', 'page', 'cursor', 'continuation', 'sync', 'sort', 'partition']);
const DECIDED_MAX_ENTRIES = 512;
const decided = new Map<string, boolean>();

function judge(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((word) => CREDENTIAL_ANYWHERE.has(word))) return true;
  return words.length > 0 && CREDENTIAL_LAST.has(words.at(-1)!) && !NOT_CREDENTIAL_QUALIFIERS.has(words.at(-2) ?? '');
}
