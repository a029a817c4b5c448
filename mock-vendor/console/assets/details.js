// The row drawer: one journal entry in full. Headers get a table whose values wrap (a bearer
// fingerprint, a long URL or user-agent stays readable), then the raw entry. Text only, never HTML.
import { NOT_TIED_BADGE } from './wording.js';
import { whyNotTied } from './why-not-tied.js';

const $ = (id) => document.getElementById(id);

function headerRows(headers) {
  const names = Object.keys(headers || {}).sort();
  if (names.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 2;
    td.className = 'none';
    td.textContent = 'none recorded';
    tr.append(td);
    return [tr];
  }
  return names.map((name) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = name;
    const td = document.createElement('td');
    td.textContent = headers[name];
    tr.append(th, td);
    return tr;
  });
}

/** Opens the drawer on `entry`; `anonymous` entries also say which credential was missing or wrong. */
export function showDetails(entry, anonymous) {
  const target = entry.query ? `${entry.path}?${entry.query}` : entry.path;
  $('details-title').textContent = `${entry.method} ${target} → ${entry.status ?? entry.outcome}`;
  $('details-why').hidden = !anonymous;
  if (anonymous) {
    const why = whyNotTied(entry);
    $('details-why-title').textContent = `${NOT_TIED_BADGE[0].toUpperCase()}${NOT_TIED_BADGE.slice(1)}: ${why.credential}`;
    $('details-why-what').textContent = why.what;
    $('details-why-next').textContent = why.next;
  }
  $('details-request-headers').replaceChildren(...headerRows(entry.requestHeaders));
  $('details-response-headers').replaceChildren(...headerRows(entry.responseHeaders));
  $('details-json').textContent = JSON.stringify(entry, null, 2);
  $('details').hidden = false;
}

export function hideDetails() {
  $('details').hidden = true;
}
