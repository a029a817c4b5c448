/**
 * The console page in headless Chromium against a real vendor on 127.0.0.1: what a learner sees
 * while their client runs. Needs Debian's chromium (npm run test:browser; .ci/run installs it).
 */
import type { AxiosInstance } from 'axios';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestVendor, TEST_ADMIN_TOKEN, type TestVendor } from '../support/test-vendor.ts';
import { launchChromium } from './chromium.ts';

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
    expect(await page.locator('#summary-detail').textContent()).toContain('1 retried operations');
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
