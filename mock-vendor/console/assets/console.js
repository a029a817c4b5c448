// The Acme CRM console: a live timeline of one tenant's requests, read from the admin API.
// Plain browser JavaScript, no build step. Everything from the journal is put on the page with
// textContent, never as HTML: paths, headers and keys are whatever a client sent.
'use strict';

const MAX_ROWS = 1000;
const TOKEN_KEY = 'acme-console-admin-token';
const $ = (id) => document.getElementById(id);

const state = {
  token: '',
  tenantId: '',
  entries: [],
  lastSeq: 0,
  groups: new Map(),
  stream: undefined,
  pollTimer: undefined,
  filter: { text: '', errorsOnly: false, faultsOnly: false },
};

// ---- admin API --------------------------------------------------------------------------------

class AdminRefused extends Error {}

async function admin(path, init = {}) {
  const res = await fetch(`/__admin${path}`, { ...init, headers: { authorization: `Bearer ${state.token}`, ...(init.headers || {}) } });
  if (res.status === 401) throw new AdminRefused('The vendor refused this admin token.');
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
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
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('login-token').focus();
}

async function start(wantedTenant) {
  state.token = sessionStorage.getItem(TOKEN_KEY) || '';
  if (!state.token) return showLogin('');
  let tenants;
  try {
    tenants = await (await admin('/tenants')).json();
  } catch (error) {
    if (error instanceof AdminRefused) sessionStorage.removeItem(TOKEN_KEY);
    return showLogin(error instanceof AdminRefused ? 'That admin token was refused. Copy VENDOR_ADMIN_TOKEN from .env (npm start prints it too) and try again.' : `Could not reach the vendor: ${error.message}. Is npm start still running?`);
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
  if (tenants.length === 0) {
    setStatus('error', 'no tenants yet');
    $('empty').textContent = 'This vendor has no tenants yet. Start one with npm start, or create one: POST /__admin/tenants.';
    return;
  }
  const preferred = tenants.find((t) => t.id === wantedTenant) || tenants.find((t) => t.name === 'default') || tenants[0];
  select.value = preferred.id;
  follow(preferred.id);
}

// ---- following one tenant ---------------------------------------------------------------------

function follow(tenantId) {
  state.stream?.abort();
  clearInterval(state.pollTimer);
  Object.assign(state, { tenantId, entries: [], lastSeq: 0, groups: new Map() });
  $('rows').replaceChildren();
  $('details').hidden = true;
  renderSummary();
  renderRateLimit();
  stream();
  pollTokens();
  state.pollTimer = setInterval(pollTokens, 2000);
}

async function stream() {
  const controller = new AbortController();
  state.stream = controller;
  const tenantId = state.tenantId;
  setStatus(state.lastSeq ? 'reconnecting' : 'connecting', state.lastSeq ? 'reconnecting…' : 'connecting…');
  try {
    const res = await admin(`/tenants/${encodeURIComponent(tenantId)}/journal/stream?after=${state.lastSeq}`, { signal: controller.signal });
    setStatus('live', 'live');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        onEvent(parseEvent(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
    if (error instanceof AdminRefused) return showLogin('The admin token stopped working (did the vendor restart with a new one?). Paste the current VENDOR_ADMIN_TOKEN.');
  }
  if (controller.signal.aborted || state.tenantId !== tenantId) return;
  setStatus('reconnecting', 'connection lost, reconnecting…');
  setTimeout(() => state.tenantId === tenantId && !controller.signal.aborted && stream(), 2000);
}

function parseEvent(block) {
  const event = { type: 'message', data: '' };
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event.type = line.slice(7);
    else if (line.startsWith('data: ')) event.data += line.slice(6);
  }
  return event;
}

function onEvent(event) {
  if (event.type === 'entry') addEntry(JSON.parse(event.data));
  else if (event.type === 'cleared') {
    Object.assign(state, { entries: [], groups: new Map() });
    $('rows').replaceChildren();
    renderSummary();
    renderRateLimit();
  } else if (event.type === 'skipped') {
    $('skipped').textContent = `${event.data} requests came too fast to show. Reload the page to see them: the journal keeps the newest 5,000.`;
  }
}

// ---- the timeline -----------------------------------------------------------------------------

function groupKeyOf(entry) {
  if (entry.idempotencyKey) return { kind: 'Idempotency-Key', key: entry.idempotencyKey };
  if (entry.correlationId) return { kind: 'X-Correlation-Id', key: entry.correlationId };
  return undefined;
}

function addEntry(entry) {
  state.lastSeq = Math.max(state.lastSeq, entry.seq);
  const group = groupKeyOf(entry);
  if (group) {
    const members = state.groups.get(group.key) || [];
    members.push(entry);
    state.groups.set(group.key, members);
    entry.attempt = members.length;
  }
  state.entries.push(entry);
  if (state.entries.length > MAX_ROWS) {
    state.entries.shift();
    $('rows').lastElementChild?.remove();
  }
  const tr = rowFor(entry, group);
  $('rows').prepend(tr);
  if (group && entry.attempt === 2) markGroup(group.key);
  else if (group && entry.attempt > 2) stripe(tr, group.key);
  renderSummary();
  renderRateLimit();
  $('empty').hidden = state.entries.length > 0;
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

function rowFor(entry, group) {
  const tr = document.createElement('tr');
  tr.dataset.seq = String(entry.seq);
  tr.dataset.status = entry.status === null ? 'none' : String(entry.status);
  if (entry.fault) tr.dataset.fault = entry.fault;
  const statusText = entry.status === null ? entry.outcome : String(entry.status);
  const statusClass = entry.status === null ? 'sx' : `s${String(entry.status)[0]}`;
  const target = entry.query ? `${entry.path}?${entry.query}` : entry.path;
  const groupCell = document.createElement('td');
  if (group) {
    tr.dataset.group = group.key;
    groupCell.title = `${group.kind}: ${group.key}`;
    groupCell.append(badge(`attempt ${entry.attempt}`, 'attempt'), ` ${short(group.key)}`);
  }
  const faultCell = document.createElement('td');
  if (entry.fault) faultCell.append(badge(entry.fault, 'fault'));
  tr.append(
    cell(entry.at.slice(11, 23)),
    cell(entry.method),
    cell(target, 'path'),
    cell(statusText, statusClass),
    cell(entry.errorCode || ''),
    faultCell,
    cell(`${Math.round(entry.durationMs)} ms`),
    groupCell,
    cell(entry.tokenId ? short(entry.tokenId) : ''),
    cell(entry.requestId),
  );
  tr.title = `${entry.method} ${target}: click for the whole journal entry`;
  tr.addEventListener('click', () => showDetails(entry));
  applyFilter(tr, entry);
  return tr;
}

/** Gives every attempt of a retried operation the same colour stripe, once it has a second attempt. */
function markGroup(key) {
  for (const tr of $('rows').querySelectorAll('tr[data-group]')) if (tr.dataset.group === key) stripe(tr, key);
}

function stripe(tr, key) {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  tr.classList.add('grouped');
  tr.style.setProperty('--group', `hsl(${hash % 360} 65% 50%)`);
}

const short = (id) => (id.length > 14 ? `${id.slice(0, 12)}…` : id);

function showDetails(entry) {
  $('details-title').textContent = `${entry.method} ${entry.path} → ${entry.status ?? entry.outcome}`;
  $('details-json').textContent = JSON.stringify(entry, null, 2);
  $('details').hidden = false;
}

function applyFilter(tr, entry) {
  const { text, errorsOnly, faultsOnly } = state.filter;
  const haystack = `${entry.method} ${entry.path} ${entry.status ?? entry.outcome} ${entry.errorCode ?? ''} ${entry.requestId} ${entry.idempotencyKey ?? ''} ${entry.correlationId ?? ''}`.toLowerCase();
  tr.hidden = (text !== '' && !haystack.includes(text)) || (errorsOnly && entry.status !== null && entry.status < 400) || (faultsOnly && !entry.fault);
}

function refilter() {
  state.filter = { text: $('filter').value.trim().toLowerCase(), errorsOnly: $('errors-only').checked, faultsOnly: $('faults-only').checked };
  const bySeq = new Map(state.entries.map((e) => [String(e.seq), e]));
  for (const tr of $('rows').children) applyFilter(tr, bySeq.get(tr.dataset.seq));
}

// ---- panels -----------------------------------------------------------------------------------

function renderSummary() {
  const all = state.entries;
  const failed = all.filter((e) => e.status === null || e.status >= 400).length;
  const faults = all.filter((e) => e.fault).length;
  const retried = [...state.groups.values()].filter((members) => members.length > 1).length;
  const latencies = all.filter((e) => e.status !== null).map((e) => e.durationMs).sort((a, b) => a - b);
  const p95 = latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))]) : 0;
  $('summary-requests').textContent = String(all.length);
  $('summary-detail').textContent = `${failed} failed or dropped · ${faults} faults · ${retried} retried operations · p95 ${p95} ms`;
}

/** `RateLimit: "default";r=599;t=1` and `RateLimit-Policy: "default";q=600;w=60` of the newest answer. */
function renderRateLimit() {
  const latest = [...state.entries].reverse().find((e) => e.responseHeaders && e.responseHeaders.ratelimit);
  const bar = $('rate-bar');
  if (!latest) {
    $('rate-figure').textContent = '–';
    $('rate-detail').textContent = 'No API answer yet.';
    bar.firstElementChild.style.width = '0%';
    return;
  }
  const field = (header, name) => Number((header.match(new RegExp(`;${name}=(\\d+)`)) || [])[1]);
  const remaining = field(latest.responseHeaders.ratelimit, 'r');
  const reset = field(latest.responseHeaders.ratelimit, 't');
  const limit = field(latest.responseHeaders['ratelimit-policy'] || '', 'q');
  const window = field(latest.responseHeaders['ratelimit-policy'] || '', 'w');
  $('rate-figure').textContent = `${remaining} of ${limit} left`;
  $('rate-detail').textContent = `${limit} requests per ${window} s; full again in ${reset} s.${latest.responseHeaders['retry-after'] ? ` Last 429 asked for Retry-After: ${latest.responseHeaders['retry-after']}.` : ''}`;
  bar.classList.toggle('low', remaining < limit * 0.1);
  bar.firstElementChild.style.width = `${limit ? Math.round((remaining / limit) * 100) : 0}%`;
}

async function pollTokens() {
  const tenantId = state.tenantId;
  try {
    const [tokens, clock] = await Promise.all([
      admin(`/tenants/${encodeURIComponent(tenantId)}/tokens`).then((r) => r.json()),
      admin('/clock').then((r) => r.json()),
    ]);
    if (tenantId !== state.tenantId) return;
    $('clock').textContent = `Acme's clock ${clock.now.slice(11, 19)}${clock.offsetMs ? ` (+${Math.round(clock.offsetMs / 1000)} s)` : ''}`;
    renderTokens(tokens, clock.nowMs);
  } catch (error) {
    if (error instanceof AdminRefused) showLogin('The admin token stopped working. Paste the current VENDOR_ADMIN_TOKEN.');
  }
}

function renderTokens(tokens, nowMs) {
  const list = $('token-list');
  const newest = [...tokens].sort((a, b) => b.issuedAt - a.issuedAt).slice(0, 5);
  $('token-count').textContent = `${tokens.length} issued`;
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

function setStatus(kind, text) {
  $('status').dataset.state = kind;
  $('status').textContent = text;
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
  $('rows').replaceChildren();
  Object.assign(state, { entries: [], groups: new Map() });
  renderSummary();
});
$('details-close').addEventListener('click', () => ($('details').hidden = true));
document.addEventListener('keydown', (event) => event.key === 'Escape' && ($('details').hidden = true));

start(readHash().tenant);
