// What the console says, in one place: counts that read right for 1 and for many, and the words
// for each state the page can be in, written for someone whose integration is not working yet.

/** `count(1, 'retried operation')` is "1 retried operation"; `count(2, …)` is "2 retried operations". */
export function count(n, singular, plural = `${singular}s`) {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The pill in the header. */
export const STATUS_TEXT = {
  connecting: 'Connecting to Acme CRM…',
  live: 'Live',
  disconnected: 'Disconnected: is npm start still running? Reconnecting…',
  'no-tenants': 'No tenants yet',
  'needs-token': 'Waiting for the admin token',
};

/** The line under the (empty) timeline. */
export const EMPTY_TEXT = {
  connecting: 'Connecting to Acme CRM…',
  live: 'Waiting for your first request… Run your lab code (or the curl in the README): each request shows up here the moment Acme answers it.',
  disconnected: 'Disconnected: is npm start still running? Reconnecting… Check the terminal where you started the vendor; this page picks up again by itself.',
  'no-tenants': 'This vendor has no tenants yet. Start one with npm start, or create one: POST /__admin/tenants.',
  'needs-token': '',
};

export const TOKENS_TEXT = {
  checking: 'Checking for access tokens…',
  none: 'No access token yet: your code has not asked for one. It gets one with POST /oauth/token (client id and secret from .env).',
};

export const NOT_TIED_BADGE = 'not tied to your tenant';
