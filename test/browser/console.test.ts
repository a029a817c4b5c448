/**
 * The console page in headless Chromium against a real vendor on 127.0.0.1: what a learner sees
 * while their client runs. Needs Debian's chromium (npm run test:browser; .ci/run installs it).
 */
import type { AxiosInstance } from 'axios';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestVendor, TEST_ADMIN_TOKEN, type TestVendor } from '../support/test-vendor.ts';
import { launchChromium } from './chromium.ts';
import { hueDistance, hueOf, screenshot } from './screenshot.ts';

let browser: Browser;
let v: TestVendor;
let api: AxiosInstance;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  v = await startTestVendor();
  api = await v.authed();
  page = await browser.newPage();
  problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // CSP violations and failed scripts are reported as console errors.
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
});
afterEach(async () => {
  await page?.close();
  await v?.close();
  expect(problems).toEqual([]);
});

/** Opens the console the way npm start's link does, and waits until it is live. */
async function openFromStartLink(): Promise<void> {
  await page.goto(`${v.url}/console#tenant=${v.tenant.id}&token=${TEST_ADMIN_TOKEN}`);
  await page.locator('#status[data-state="live"]').waitFor();
}

const row = (seq: number) => page.locator(`#rows tr[data-seq="${seq}"]`);
const cells = async (seq: number) => (await row(seq).locator('td').allTextContents()).map((t) => t.trim());
const lastSeq = () => v.tenant.journal.entries().at(-1)!.seq;

describe('the console page', () => {
  it('opens from the start link, takes the admin token out of the address bar, and follows that tenant live', async () => {
    await openFromStartLink();
    expect(page.url()).toBe(`${v.url}/console`);
    expect(await page.locator('#tenant').inputValue()).toBe(v.tenant.id);
    // What the journal held already: the token request of this test's client.
    const seq = lastSeq();
    await row(seq).waitFor();
    expect((await cells(seq)).slice(1, 4)).toEqual(['POST', '/oauth/token', '200']);
    expect(await page.locator('#empty').isVisible()).toBe(false);
  });

  it('works with a tenant key in place of the admin token: its own tenant only, no vendor-wide rows, no errors', async () => {
    v.vendor.createTenant({ name: 'someone else' });
    const tenantKey = (await v.admin.post(`/tenants/${v.tenant.id}/key/rotate`)).data.tenantKey as string;
    await page.goto(`${v.url}/console#token=${tenantKey}`);
    await page.locator('#status[data-state="live"]').waitFor();
    expect(await page.locator('#tenant option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([v.tenant.id]);
    expect((await v.http.get('/v1/contacts')).status).toBe(401); // journaled as not tied to any tenant: vendor-wide
    await api.get('/v1/contacts/ct_000001');
    await row(lastSeq()).waitFor();
    expect(await page.locator('#rows tr.anonymous').count()).toBe(0);
    // Tokens and the tenant's clock are read with the key too.
    await page.locator('#token-list li[data-jti]').first().waitFor();
    expect(await page.locator('#clock').textContent()).toMatch(/^Acme's clock \d\d:\d\d:\d\d/);
  });

  it('shows each request as it happens: method, path, status, problem code, fault and latency', async () => {
    await openFromStartLink();
    v.tenant.setExtraRules([{ match: { method: 'GET', path: '/v1/contacts/ct_000001' }, when: { times: 1 }, fault: 'status', options: { status: 503 } }]);
    expect((await api.get('/v1/contacts/ct_000001')).status).toBe(503);
    const failedSeq = lastSeq();
    expect((await api.get('/v1/contacts/ct_999999')).status).toBe(404);
    const missingSeq = lastSeq();
    await row(missingSeq).waitFor();
    const failed = await cells(failedSeq);
    expect(failed.slice(1, 6)).toEqual(['GET', '/v1/contacts/ct_000001', '503', failed[4], 'status']);
    expect(failed[6]).toMatch(/^\d+ ms$/);
    expect((await cells(missingSeq)).slice(1, 5)).toEqual(['GET', '/v1/contacts/ct_999999', '404', 'not_found']);
    // Newest first.
    expect(await page.locator('#rows tr').first().getAttribute('data-seq')).toBe(String(missingSeq));
    expect(await page.locator('#summary-requests').textContent()).toBe(String(v.tenant.journal.size));
  });

  it('groups the attempts of one operation by its Idempotency-Key', async () => {
    await openFromStartLink();
    v.tenant.setExtraRules([{ match: { method: 'POST', path: '/v1/leads' }, when: { times: 1 }, fault: 'status', options: { status: 503 } }]);
    const lead = { email: 'ada.lovelace@example.com', name: 'Ada Lovelace', source: 'console-test' };
    const headers = { 'Idempotency-Key': 'lead-ada-0001' };
    expect((await api.post('/v1/leads', lead, { headers })).status).toBe(503);
    const first = lastSeq();
    expect((await api.post('/v1/leads', lead, { headers })).status).toBe(201);
    const second = lastSeq();
    expect((await api.post('/v1/leads', lead, { headers })).headers['idempotent-replayed']).toBe('true');
    const third = lastSeq();
    await row(third).waitFor();
    for (const [seq, attempt] of [[first, 1], [second, 2], [third, 3]] as const) {
      expect(await row(seq).getAttribute('data-group')).toBe('lead-ada-0001');
      expect(await row(seq).getAttribute('class')).toContain('grouped');
      expect((await cells(seq))[7]).toBe(`attempt ${attempt} lead-ada-0001`);
    }
    const summary = await page.locator('#summary-detail').textContent();
    expect(summary).toContain('1 retried operation ·');
    expect(summary).toContain('1 fault ·');
    expect(summary).not.toMatch(/\b1 (retried operations|faults)\b/);
    await screenshot(page, 'retry-group');
  });

  it('shows the rate-limit budget the newest answer advertised', async () => {
    await openFromStartLink();
    let answer;
    for (let i = 0; i < 3; i++) answer = await api.get('/v1/contacts?limit=1');
    const remaining = /;r=(\d+)/.exec(String(answer!.headers['ratelimit']))![1];
    const limit = /;q=(\d+)/.exec(String(answer!.headers['ratelimit-policy']))![1];
    await expect.poll(() => page.locator('#rate-figure').textContent()).toBe(`${remaining} of ${limit} left`);
  });

  it('shows token lifetimes, and a revoked token as revoked', async () => {
    const token = (await v.admin.get(`/tenants/${v.tenant.id}/tokens`)).data.at(-1);
    await openFromStartLink();
    const item = page.locator(`#token-list li[data-jti="${token.jti}"]`);
    await expect.poll(() => item.textContent()).toMatch(/^expires in \d+ s tok_\w+… · contacts:read .* · lifetime \d+ s$/);
    await v.admin.post(`/tenants/${v.tenant.id}/tokens/revoke`, { tokenId: token.jti });
    await expect.poll(() => item.locator('.token-state').textContent(), { timeout: 5_000 }).toBe('revoked');
  });

  it('empties the timeline when the tenant is reset', async () => {
    await openFromStartLink();
    await api.get('/v1/contacts/ct_000001');
    await row(lastSeq()).waitFor();
    await v.admin.post(`/tenants/${v.tenant.id}/reset`);
    await expect.poll(() => page.locator('#rows tr').count()).toBe(0);
    expect(await page.locator('#summary-requests').textContent()).toBe('0');
  });

  it('puts what a client sent on the page as text, never as HTML', async () => {
    await openFromStartLink();
    await api.get('/v1/contacts/ct_000001', { headers: { 'X-Correlation-Id': '<img src=x onerror="document.title=1">' } });
    await api.get(`/v1/contacts/${encodeURIComponent('<b>bold</b>')}`);
    await row(lastSeq()).waitFor();
    expect(await page.locator('#rows img, #rows b').count()).toBe(0);
    expect(await page.locator('#rows').textContent()).toContain('<img src=x');
    expect(await page.title()).toBe('Acme CRM console');
  });

  it('asks for the admin token when it has none, and says what to do with a wrong one', async () => {
    await page.goto(`${v.url}/console`);
    await page.locator('#login').waitFor();
    expect(await page.locator('#status').textContent()).toBe('Waiting for the admin token');
    await screenshot(page, 'state-needs-admin-token');
    await page.fill('#login-token', 'not-the-admin-token');
    await page.click('#login button[type=submit]');
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('VENDOR_ADMIN_TOKEN');
    await page.fill('#login-token', TEST_ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await page.locator('#status[data-state="live"]').waitFor();
    expect(await page.locator('#app').isVisible()).toBe(true);
    // The refused token was a console error of the browser's own (401); that is the expected answer here.
    problems = problems.filter((p) => !p.includes('401'));
  });
});

const anonymousSeqs = () => v.vendor.anonymousJournal.entries().map((e) => e.seq);
const domSeqs = async () => (await page.locator('#rows tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['seq']))).map(Number);
const stripeHue = async (seq: number) => hueOf(await row(seq).evaluate((tr) => getComputedStyle(tr).borderLeftColor));

describe('what a learner sees in their first hour', () => {
  it('shows the requests Acme could not tie to a tenant, marked, in time order with the tenant\'s, and says which credential was wrong', async () => {
    await openFromStartLink();
    await api.get('/v1/contacts/ct_000001');
    const own = lastSeq();
    expect((await v.http.get('/v1/contacts', { headers: { Authorization: 'Bearer not-a-real-token' } })).status).toBe(401);
    expect((await v.http.get('/v1/contacts')).status).toBe(401);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'cli_typo', client_secret: 'whatever' });
    expect((await v.http.post('/oauth/token', form)).status).toBe(401);
    await api.get('/v1/contacts/ct_000002');
    const [garbageToken, noToken, unknownClient] = anonymousSeqs() as [number, number, number];
    expect(own < garbageToken && unknownClient < lastSeq()).toBe(true);
    await row(lastSeq()).waitFor();
    await row(unknownClient).waitFor();

    const everything = [...v.tenant.journal.entries().map((e) => e.seq), ...anonymousSeqs()].sort((a, b) => b - a);
    expect(await domSeqs()).toEqual(everything);
    for (const seq of [garbageToken, noToken, unknownClient]) {
      expect(await row(seq).getAttribute('class')).toContain('anonymous');
      expect(await row(seq).locator('.not-tied').textContent()).toBe('not tied to your tenant');
    }
    for (const seq of [own, lastSeq()]) expect(await row(seq).locator('.not-tied').count()).toBe(0);
    expect(await page.locator('#summary-requests').textContent()).toBe(String(v.tenant.journal.size));
    expect(await page.locator('#summary-detail').textContent()).toContain('3 requests not tied to your tenant');
    await screenshot(page, 'anonymous-rows');

    const why = async (seq: number) => {
      await row(seq).click();
      await page.locator('#details-why').waitFor();
      return { title: await page.locator('#details-why-title').textContent(), what: await page.locator('#details-why-what').textContent(), next: await page.locator('#details-why-next').textContent() };
    };
    expect(await why(garbageToken)).toMatchObject({
      title: 'Not tied to your tenant: a bearer token Acme does not recognise',
      what: expect.stringContaining('Acme\'s answer: "The access token is malformed."'),
      next: expect.stringContaining('POST /oauth/token'),
    });
    await screenshot(page, 'anonymous-drawer-bad-token');
    expect(await why(noToken)).toMatchObject({ title: 'Not tied to your tenant: no Authorization header', next: expect.stringContaining('Authorization: Bearer <access_token>') });
    expect(await why(unknownClient)).toMatchObject({ title: 'Not tied to your tenant: an unknown client id', what: expect.stringContaining('"cli_typo"'), next: expect.stringContaining('VENDOR_CLIENT_ID') });
    await screenshot(page, 'anonymous-drawer-unknown-client');
    // The tenant's own rows explain nothing of the kind.
    await row(own).click();
    expect(await page.locator('#details-why').isHidden()).toBe(true);
  });

  it('gives neighbouring retry groups (sync-0, sync-1, sync-2) clearly different stripes', async () => {
    await openFromStartLink();
    const seqs: Record<string, number[]> = {};
    for (const key of ['sync-0', 'sync-1', 'sync-2']) {
      for (let attempt = 0; attempt < 2; attempt++) {
        await api.get('/v1/contacts?limit=1', { headers: { 'X-Correlation-Id': key } });
        (seqs[key] ??= []).push(lastSeq());
      }
    }
    await row(lastSeq()).waitFor();
    await expect.poll(() => page.locator('#rows tr.grouped').count()).toBe(6);
    const hues = await Promise.all(['sync-0', 'sync-1', 'sync-2'].map(async (key) => {
      const [first, second] = seqs[key] as [number, number];
      expect(await stripeHue(first)).toBeCloseTo(await stripeHue(second), 0);
      return stripeHue(first);
    }));
    expect(hueDistance(hues[0]!, hues[1]!)).toBeGreaterThanOrEqual(25);
    expect(hueDistance(hues[1]!, hues[2]!)).toBeGreaterThanOrEqual(25);
    expect(hueDistance(hues[0]!, hues[2]!)).toBeGreaterThanOrEqual(25);
    expect(await page.locator('#summary-detail').textContent()).toContain('3 retried operations');
    await screenshot(page, 'retry-stripes-sync-keys');
  });

  it('wraps long header values in the row drawer instead of cutting them off', async () => {
    await openFromStartLink();
    const userAgent = `LabClient/1.0 (${'x'.repeat(300)})`;
    const correlationId = `corr-${'0123456789abcdef'.repeat(12)}`;
    await api.get(`/v1/contacts?limit=1&cursor=${'c'.repeat(400)}`, { headers: { 'User-Agent': userAgent, 'X-Correlation-Id': correlationId } });
    await row(lastSeq()).click();
    await page.locator('#details').waitFor();
    const cells = page.locator('#details-request-headers td');
    expect(await cells.count()).toBeGreaterThan(2);
    const overflowing = await cells.evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent));
    expect(overflowing).toEqual([]);
    const uaCell = page.locator('#details-request-headers tr', { hasText: 'user-agent' }).locator('td');
    expect(await uaCell.textContent()).toBe(userAgent);
    for (const id of ['details', 'details-title', 'details-json']) {
      expect(await page.locator(`#${id}`).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    expect(await page.locator('#details-title').textContent()).toContain('c'.repeat(400));
    await screenshot(page, 'drawer-long-headers');
  });

  it('says it is connecting while the first answer is on its way, then that it is live', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/journal/stream*', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${v.url}/console#tenant=${v.tenant.id}&token=${TEST_ADMIN_TOKEN}`);
    await page.locator('#app').waitFor();
    expect(await page.locator('#status').getAttribute('data-state')).toBe('connecting');
    expect(await page.locator('#status').textContent()).toBe('Connecting to Acme CRM…');
    expect(await page.locator('#empty').textContent()).toBe('Connecting to Acme CRM…');
    await screenshot(page, 'state-connecting');
    release();
    await page.locator('#status[data-state="live"]').waitFor();
    expect(await page.locator('#status').textContent()).toBe('Live');
  });

  it('waits for the first request, and says the code has not asked for an access token yet', async () => {
    const fresh = (await v.admin.post('/tenants', { name: 'first-hour' })).data;
    await page.goto(`${v.url}/console#tenant=${fresh.id}&token=${TEST_ADMIN_TOKEN}`);
    await page.locator('#status[data-state="live"]').waitFor();
    expect(await page.locator('#tenant').inputValue()).toBe(fresh.id);
    expect(await page.locator('#empty').textContent()).toMatch(/^Waiting for your first request… Run your lab code/);
    await expect.poll(() => page.locator('#token-list').textContent()).toMatch(/^No access token yet: your code has not asked for one\./);
    expect(await page.locator('#rate-detail').textContent()).toMatch(/^No API answer yet/);
    await screenshot(page, 'state-waiting-for-first-request');
  });

  it('says when the vendor cannot be reached, and picks up again by itself', async () => {
    await page.route('**/journal/stream*', (route) => route.abort('connectionrefused'));
    await page.goto(`${v.url}/console#tenant=${v.tenant.id}&token=${TEST_ADMIN_TOKEN}`);
    await page.locator('#status[data-state="disconnected"]').waitFor();
    expect(await page.locator('#status').textContent()).toBe('Disconnected: is npm start still running? Reconnecting…');
    expect(await page.locator('#empty').textContent()).toMatch(/^Disconnected: is npm start still running\? Reconnecting…/);
    await screenshot(page, 'state-disconnected');
    await page.unroute('**/journal/stream*');
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 10_000 });
    await row(lastSeq()).waitFor();
    // The refused connections were the browser's own console errors; they are the point of this test.
    problems = problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED') && !p.includes('Failed to fetch'));
  });
});
