// The Acme CRM console: a live timeline of one tenant's requests, and of the requests Acme could
// not tie to any tenant, read from the admin API. Plain browser JavaScript (ES modules), no build
// step. Everything from the journal is put on the page with textContent, never as HTML: paths,
// headers and keys are whatever a client sent.
import { hideDetails, showDetails } from './details.js';
import { groupHue } from './group-hue.js';
import { count, EMPTY_TEXT, NOT_TIED_BADGE, STATUS_TEXT, TOKENS_TEXT } from './wording.js';
import { whyNotTied } from './why-not-tied.js';

const MAX_ROWS = 1000;
const RECONNECT_MS = 2000;
const TOKEN_KEY = 'acme-console-admin-token';
const $ = (id) => document.getElementById(id);

const state = {
  token: '',
  /** Who the token is (GET /__admin/me): 'admin', 'tenant' (a tenant key) or 'grader'. */
  kind: 'admin',
  tenantId: '',
  status: 'connecting',
  /** Oldest first, the tenant's and the anonymous ones together: `{ entry, anonymous, tr }`. */
  items: [],
  bySeq: new Map(),
  /** Retry groups: key → items, oldest first. */
  groups: new Map(),
  /** Aborts both streams and the token polling of the tenant being followed. */
  session: undefined,
  pollTimer: undefined,
  filter: { text: '', errorsOnly: false, faultsOnly: false },
};

// ---- admin API --------------------------------------------------------------------------------

class AdminRefused extends Error {}
/** A 403: the key is good but does not reach this route (a tenant key and the vendor-wide routes). */
class AdminForbidden extends Error {}

async function admin(path, init = {}) {
  const res = await fetch(`/__admin${path}`, { ...init, headers: { authorization: `Bearer ${state.token}`, ...(init.headers || {}) } });
  if (res.status === 401) throw new AdminRefused('The vendor refused this admin token.');
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    if (res.status === 403) throw new AdminForbidden(problem.detail || `GET /__admin${path} is not for this key`);
    throw new Error(problem.detail || `GET /__admin${path} answered ${res.status}`);
  }
  return res;
}

// ---- start: token, tenants --------------------------------------------------------------------

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('token')) sessionStorage.setItem(TOKEN_KEY, params.get('token'));
  // Keep the admin token out of the address bar, history and screenshots.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return { tenant: params.get('tenant') || '' };
}

function showLogin(message) {
  state.session?.abort();
  clearInterval(state.pollTimer);
  setStatus('needs-token');
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('login-token').focus();
}

async function start(wantedTenant) {
  state.token = sessionStorage.getItem(TOKEN_KEY) || '';
  if (!state.token) return showLogin('');
  setStatus('connecting');
  let tenants;
  try {
    const me = await (await admin('/me')).json();
    state.kind = me.kind;
    tenants = me.kind === 'tenant' ? [await (await admin(`/tenants/${encodeURIComponent(me.tenantId)}`)).json()] : await allTenants();
  } catch (error) {
    if (error instanceof AdminRefused) sessionStorage.removeItem(TOKEN_KEY);
    return showLogin(error instanceof AdminRefused ? 'That token was refused. Copy VENDOR_ADMIN_TOKEN (or VENDOR_TENANT_KEY, for your tenant only) from .env (npm start prints them too) and try again.' : `Could not reach the vendor: ${error.message}. Is npm start still running?`);
  }
  $('login').hidden = true;
  $('app').hidden = false;
  const select = $('tenant');
  select.replaceChildren(
    ...tenants.map((t) => {
      const option = document.createElement('option');
      option.value = t.id;
      option.textContent = `${t.name} (${t.id}, ${t.scenario})`;
      return option;
    }),
  );
  if (tenants.length === 0) return setStatus('no-tenants');
  const preferred = tenants.find((t) => t.id === wantedTenant) || tenants.find((t) => t.name === 'default') || tenants[0];
  select.value = preferred.id;
  follow(preferred.id);
}

/** Every tenant the token may see, page by page (GET /__admin/tenants answers `{ data, next }`). */
async function allTenants() {
  const tenants = [];
  let after = '';
  do {
    const page = await (await admin(`/tenants?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`)).json();
    tenants.push(...page.data);
    after = page.next;
  } while (after);
  return tenants;
}

// ---- following one tenant (and the requests no tenant owns) -----------------------------------

function follow(tenantId) {
  state.session?.abort();
  clearInterval(state.pollTimer);
  const session = new AbortController();
  Object.assign(state, { tenantId, session, items: [], bySeq: new Map(), groups: new Map() });
  $('rows').replaceChildren();
  hideDetails();
  $('token-list').replaceChildren(tokenNote(TOKENS_TEXT.checking));
  setStatus('connecting');
  renderPanels();
  stream(session.signal, { path: `/tenants/${encodeURIComponent(tenantId)}/journal/stream`, anonymous: false, lastSeq: 0 });
  // Vendor-wide: only the admin token reads it; with a tenant or grading key those rows are simply not shown.
  if (state.kind === 'admin') stream(session.signal, { path: '/journal/anonymous/stream', anonymous: true, lastSeq: 0 });
  pollTokens(session.signal);
  state.pollTimer = setInterval(() => pollTokens(session.signal), 2000);
}

/**
 * Reads one journal stream until it ends, then reconnects where it left off. The tenant's stream
 * drives the status pill; the anonymous one follows it quietly.
 */
async function stream(signal, source) {
  try {
    const res = await admin(`${source.path}?after=${source.lastSeq}`, { signal });
    if (!source.anonymous) setStatus('live');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        onEvent(source, parseEvent(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof AdminRefused) return showLogin('The admin token stopped working (did the vendor restart with a new one?). Paste the current VENDOR_ADMIN_TOKEN.');
    if (error instanceof AdminForbidden && source.anonymous) return;
  }
  if (signal.aborted) return;
  if (!source.anonymous) setStatus('disconnected');
  setTimeout(() => signal.aborted || stream(signal, source), RECONNECT_MS);
}

function parseEvent(block) {
  const event = { type: 'message', data: '' };
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event.type = line.slice(7);
    else if (line.startsWith('data: ')) event.data += line.slice(6);
  }
  return event;
}

function onEvent(source, event) {
  if (event.type === 'entry') {
    const entry = JSON.parse(event.data);
    source.lastSeq = Math.max(source.lastSeq, entry.seq);
    addItem({ entry, anonymous: source.anonymous });
  } else if (event.type === 'cleared') {
    removeItems((item) => item.anonymous === source.anonymous);
  } else if (event.type === 'skipped') {
    const n = Number(event.data);
    $('skipped').textContent = `${count(n, 'request')} came too fast to show. Reload the page to see ${n === 1 ? 'it' : 'them'}: the journal keeps the newest 5,000.`;
  }
}

// ---- the timeline -----------------------------------------------------------------------------

function groupKeyOf(entry) {
  if (entry.idempotencyKey) return { kind: 'Idempotency-Key', key: entry.idempotencyKey };
  if (entry.correlationId) return { kind: 'X-Correlation-Id', key: entry.correlationId };
  return undefined;
}

/** Where an entry goes among the items, oldest first. */
function indexFor(seq) {
  let i = state.items.length;
  while (i > 0 && state.items[i - 1].entry.seq > seq) i--;
  return i;
}

/**
 * Puts an entry in its place on the timeline. `seq` is one counter across every journal of the
 * vendor, so the tenant's rows and the anonymous ones interleave in the order they happened.
 */
function addItem(item) {
  const { seq } = item.entry;
  if (state.bySeq.has(seq)) return; // replayed after a reconnect
  const index = indexFor(seq);
  state.items.splice(index, 0, item);
  state.bySeq.set(seq, item);
  item.tr = rowFor(item);
  const newer = state.items[index + 1];
  if (newer) newer.tr.after(item.tr);
  else $('rows').prepend(item.tr);

  const group = groupKeyOf(item.entry);
  if (group) {
    const members = state.groups.get(group.key) || [];
    const later = members.findIndex((m) => m.entry.seq > seq);
    members.splice(later === -1 ? members.length : later, 0, item);
    state.groups.set(group.key, members);
    renderGroup(group, members);
  }
  if (state.items.length > MAX_ROWS) {
    const oldest = state.items[0];
    removeItems((candidate) => candidate === oldest);
  }
  renderPanels();
}

function removeItems(unwanted) {
  const gone = state.items.filter(unwanted);
  if (gone.length === 0) return;
  for (const item of gone) {
    item.tr.remove();
    state.bySeq.delete(item.entry.seq);
  }
  state.items = state.items.filter((item) => !unwanted(item));
  for (const [key, members] of state.groups) {
    const left = members.filter((m) => state.bySeq.get(m.entry.seq) === m);
    if (left.length) state.groups.set(key, left);
    else state.groups.delete(key);
  }
  renderPanels();
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function badge(text, className) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

function rowFor(item) {
  const { entry, anonymous } = item;
  const tr = document.createElement('tr');
  tr.dataset.seq = String(entry.seq);
  tr.dataset.status = entry.status === null ? 'none' : String(entry.status);
  if (entry.fault) tr.dataset.fault = entry.fault;
  const statusText = entry.status === null ? entry.outcome : String(entry.status);
  const statusClass = entry.status === null ? 'sx' : `s${String(entry.status)[0]}`;
  const target = entry.query ? `${entry.path}?${entry.query}` : entry.path;
  const pathCell = cell(target, 'path');
  pathCell.title = target;
  if (anonymous) {
    tr.classList.add('anonymous');
    const marker = badge(NOT_TIED_BADGE, 'not-tied');
    marker.title = `Acme could not tie this request to a tenant: ${whyNotTied(entry).credential}. Click the row to see why.`;
    pathCell.prepend(marker, ' ');
  }
  const faultCell = document.createElement('td');
  if (entry.fault) faultCell.append(badge(entry.fault, 'fault'));
  tr.append(
    cell(entry.at.slice(11, 23)),
    cell(entry.method),
    pathCell,
    cell(statusText, statusClass),
    cell(entry.errorCode || ''),
    faultCell,
    cell(`${Math.round(entry.durationMs)} ms`),
    cell('', 'retries'),
    cell(entry.tokenId ? short(entry.tokenId) : ''),
    cell(entry.requestId),
  );
  tr.addEventListener('click', () => showDetails(entry, anonymous));
  applyFilter(tr, entry);
  return tr;
}

/** Numbers the attempts of one operation, and stripes them all in the group's colour once it has two. */
function renderGroup(group, members) {
  const hue = groupHue(group.key);
  members.forEach((member, i) => {
    const { tr } = member;
    tr.dataset.group = group.key;
    const retries = tr.querySelector('td.retries');
    retries.title = `${group.kind}: ${group.key}`;
    retries.replaceChildren(badge(`attempt ${i + 1}`, 'attempt'), ` ${short(group.key)}`);
    if (members.length > 1) {
      tr.classList.add('grouped');
      tr.style.setProperty('--group', `hsl(${hue} 70% 45%)`);
    }
  });
}

const short = (id) => (id.length > 14 ? `${id.slice(0, 12)}…` : id);

function applyFilter(tr, entry) {
  const { text, errorsOnly, faultsOnly } = state.filter;
  const haystack = `${entry.method} ${entry.path} ${entry.status ?? entry.outcome} ${entry.errorCode ?? ''} ${entry.requestId} ${entry.idempotencyKey ?? ''} ${entry.correlationId ?? ''}`.toLowerCase();
  tr.hidden = (text !== '' && !haystack.includes(text)) || (errorsOnly && entry.status !== null && entry.status < 400) || (faultsOnly && !entry.fault);
}

function refilter() {
  state.filter = { text: $('filter').value.trim().toLowerCase(), errorsOnly: $('errors-only').checked, faultsOnly: $('faults-only').checked };
  for (const item of state.items) applyFilter(item.tr, item.entry);
}

// ---- panels -----------------------------------------------------------------------------------

function renderPanels() {
  renderSummary();
  renderRateLimit();
  renderEmpty();
}

/** The figure counts the tenant's own requests; the ones no tenant owns are counted beside it. */
function renderSummary() {
  const own = state.items.filter((item) => !item.anonymous).map((item) => item.entry);
  const notTied = state.items.length - own.length;
  const failed = own.filter((e) => e.status === null || e.status >= 400).length;
  const faults = own.filter((e) => e.fault).length;
  const retried = [...state.groups.values()].filter((members) => members.length > 1).length;
  const latencies = own.filter((e) => e.status !== null).map((e) => e.durationMs).sort((a, b) => a - b);
  const p95 = latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))]) : 0;
  $('summary-requests').textContent = String(own.length);
  const parts = [`${failed} failed or dropped`, count(faults, 'fault'), count(retried, 'retried operation'), `p95 ${p95} ms`];
  if (notTied) parts.push(`${count(notTied, 'request')} ${NOT_TIED_BADGE}`);
  $('summary-detail').textContent = parts.join(' · ');
}

/** `RateLimit: "default";r=599;t=1` and `RateLimit-Policy: "default";q=600;w=60` of the newest answer. */
function renderRateLimit() {
  const latest = [...state.items].reverse().find((item) => !item.anonymous && item.entry.responseHeaders && item.entry.responseHeaders.ratelimit)?.entry;
  const bar = $('rate-bar');
  if (!latest) {
    $('rate-figure').textContent = '–';
    $('rate-detail').textContent = 'No API answer yet: the budget shows after your first call to /v1.';
    bar.firstElementChild.style.width = '0%';
    return;
  }
  const field = (header, name) => Number((header.match(new RegExp(`;${name}=(\\d+)`)) || [])[1]);
  const remaining = field(latest.responseHeaders.ratelimit, 'r');
  const reset = field(latest.responseHeaders.ratelimit, 't');
  const limit = field(latest.responseHeaders['ratelimit-policy'] || '', 'q');
  const window = field(latest.responseHeaders['ratelimit-policy'] || '', 'w');
  $('rate-figure').textContent = `${remaining} of ${limit} left`;
  $('rate-detail').textContent = `${count(limit, 'request')} per ${window} s; full again in ${reset} s.${latest.responseHeaders['retry-after'] ? ` Last 429 asked for Retry-After: ${latest.responseHeaders['retry-after']}.` : ''}`;
  bar.classList.toggle('low', remaining < limit * 0.1);
  bar.firstElementChild.style.width = `${limit ? Math.round((remaining / limit) * 100) : 0}%`;
}

function renderEmpty() {
  $('empty').hidden = state.items.length > 0;
  $('empty').textContent = EMPTY_TEXT[state.status];
}

async function pollTokens(signal) {
  try {
    const [tokens, clock] = await Promise.all([
      admin(`/tenants/${encodeURIComponent(state.tenantId)}/tokens`, { signal }).then((r) => r.json()),
      admin(`/tenants/${encodeURIComponent(state.tenantId)}/clock`, { signal }).then((r) => r.json()),
    ]);
    if (signal.aborted) return;
    // The tenant's clock: its tokens expire by it. Ahead of the wall clock by the vendor's offset plus its own.
    const aheadMs = clock.vendorOffsetMs + clock.offsetMs;
    $('clock').textContent = `Acme's clock ${new Date(clock.nowMs).toISOString().slice(11, 19)}${aheadMs ? ` (+${Math.round(aheadMs / 1000)} s)` : ''}`;
    renderTokens(tokens, clock.nowMs);
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof AdminRefused) showLogin('The admin token stopped working. Paste the current VENDOR_ADMIN_TOKEN.');
    // Anything else is the vendor being away: the stream says so, and the next poll tries again.
  }
}

function tokenNote(text) {
  const li = document.createElement('li');
  li.className = 'note';
  li.textContent = text;
  return li;
}

function renderTokens(tokens, nowMs) {
  const list = $('token-list');
  const newest = [...tokens].sort((a, b) => b.issuedAt - a.issuedAt).slice(0, 5);
  $('token-count').textContent = tokens.length ? `${tokens.length} issued` : '';
  if (tokens.length === 0) return list.replaceChildren(tokenNote(TOKENS_TEXT.none));
  list.replaceChildren(
    ...newest.map((t) => {
      const li = document.createElement('li');
      li.dataset.jti = t.jti;
      const lifetime = Math.round((t.expiresAt - t.issuedAt) / 1000);
      const [label, text] =
        t.revokedAt !== undefined && t.revokedAt !== null
          ? ['revoked', 'revoked']
          : nowMs >= t.expiresAt
            ? ['expired', `expired ${Math.round((nowMs - t.expiresAt) / 1000)} s ago`]
            : ['live', `expires in ${Math.round((t.expiresAt - nowMs) / 1000)} s`];
      li.append(badge(text, `token-state ${label}`), ` ${short(t.jti)} · ${t.scope.join(' ')} · lifetime ${lifetime} s`);
      return li;
    }),
  );
}

function setStatus(kind) {
  state.status = kind;
  $('status').dataset.state = kind;
  $('status').textContent = STATUS_TEXT[kind];
  renderEmpty();
}

// ---- wiring -----------------------------------------------------------------------------------

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('login-token').value.trim());
  $('login-token').value = '';
  start('');
});
$('tenant').addEventListener('change', () => follow($('tenant').value));
$('filter').addEventListener('input', refilter);
$('errors-only').addEventListener('change', refilter);
$('faults-only').addEventListener('change', refilter);
$('clear-view').addEventListener('click', () => {
  for (const item of state.items) item.tr.remove();
  Object.assign(state, { items: [], bySeq: new Map(), groups: new Map() });
  renderPanels();
});
$('details-close').addEventListener('click', hideDetails);
document.addEventListener('keydown', (event) => event.key === 'Escape' && hideDetails());

start(readHash().tenant);
