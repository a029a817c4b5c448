import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClock } from '../../mock-vendor/clock.ts';
import { defineWebhookFault, type Fault } from '../../mock-vendor/faults/fault.ts';
import { faults as builtInFaults } from '../../mock-vendor/faults/index.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { WebhookCreatedSchema, WebhookSchema } from '../../mock-vendor/schemas/webhook.ts';
import { signPayload, verifyAcmeSignature } from '../../mock-vendor/webhooks/signature.ts';
import type { StartOptions } from '../../mock-vendor/server.ts';
import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';
import { startReceiver, waitFor, type Receiver } from '../support/webhook-receiver.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Webhook faults defined here, so these tests pin the dispatcher's contract, not one fault module. */
const duplicate = defineWebhookFault({ name: 'test-duplicate', description: 'one extra copy', options: z.object({}), plan: () => ({ extraCopies: 1 }) });
const hold = defineWebhookFault({ name: 'test-hold', description: 'held 5 s', options: z.object({}), plan: () => ({ holdMs: 5_000 }) });
const faults = new Map<string, Fault>([...builtInFaults, [duplicate.name, duplicate], [hold.name, hold]]);

const quickRetries = defineScenario({ name: 'quick-retries', description: 'Two webhook retries, 1 s then 2 s apart.', settings: { webhookRetrySeconds: [1, 2], importRecordsPerSecond: 10 } });

let v: TestVendor;
let receiver: Receiver;
afterEach(async () => {
  await v?.close();
  await receiver?.close();
});

async function start(tenant: CreateTenantInput = {}, options: StartOptions = {}) {
  v = await startTestVendor({ clock: createClock({ frozenAt: Date.now() }), scenarios: [quickRetries], faults, tenant: { scenario: 'quick-retries', ...tenant }, ...options });
  return v;
}

async function subscribe(api: Awaited<ReturnType<TestVendor['authed']>>, events: string[], version = 'v1', url = receiver.url) {
  const res = await api.post(`/${version}/webhooks`, { url, events });
  expect(res.status, JSON.stringify(res.data)).toBe(201);
  return WebhookCreatedSchema.parse(res.data);
}

const nowSeconds = () => Math.floor(v.vendor.clock.now() / 1000);
const contact = (n: number) => ({ first_name: 'Hook', last_name: `Test ${n}`, email: `hook${n}@example.com` });

describe('webhook subscriptions', () => {
  it('shows the whsec_ secret only when the subscription is created', async () => {
    await start();
    receiver = await startReceiver();
    const api = await v.authed('webhooks:manage');
    const created = await subscribe(api, ['contact.created', 'lead.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
    const listed = await api.get('/v1/webhooks');
    expect(listed.data.data).toHaveLength(1);
    expect(WebhookSchema.strict().parse(listed.data.data[0])).toMatchObject({ id: created.id, url: receiver.url, api_version: 'v1' });
    expect(JSON.stringify((await api.get(`/v1/webhooks/${created.id}`)).data)).not.toContain('whsec_');
    expect((await api.delete(`/v1/webhooks/${created.id}`)).status).toBe(204);
    expect((await api.get('/v1/webhooks')).data.data).toEqual([]);
    expect((await api.delete(`/v1/webhooks/${created.id}`)).status).toBe(404);
  });

  it('refuses any URL off the loopback with 422 and says why, and accepts every loopback spelling', async () => {
    await start();
    receiver = await startReceiver();
    const api = await v.authed('webhooks:manage');
    for (const url of ['https://example.com/hooks', 'http://10.0.0.8/hooks', 'http://127.0.0.1.nip.io/hooks', 'http://localhost.evil.test/', 'ftp://127.0.0.1/hooks', 'http://user:pw@127.0.0.1/', 'not a url']) {
      const res = await api.post('/v1/webhooks', { url, events: ['contact.created'] });
      expect(res.status, url).toBe(422);
      expect(res.data.code, url).toBe('validation_failed');
      expect(res.data.errors[0].field, url).toBe('url');
    }
    const refused = await api.post('/v1/webhooks', { url: 'https://example.com/hooks', events: ['contact.created'] });
    expect(refused.data.detail).toMatch(/loopback/);
    for (const url of ['http://127.0.0.1:9/a', 'http://localhost:9/a', 'https://[::1]:9/a']) {
      expect((await api.post('/v1/webhooks', { url, events: ['contact.created'] })).status, url).toBe(201);
    }
    expect((await api.post('/v1/webhooks', { url: receiver.url, events: ['contact.exploded'] })).status).toBe(422);
    expect((await (await v.authed('contacts:write')).post('/v1/webhooks', { url: receiver.url, events: ['contact.created'] })).status).toBe(403);
  });
});

describe('webhook deliveries', () => {
  it('signs each delivery so verifyAcmeSignature accepts it, and only it', async () => {
    await start();
    receiver = await startReceiver();
    const api = await v.authed('webhooks:manage contacts:write');
    const { secret } = await subscribe(api, ['contact.created']);
    const created = await api.post('/v1/contacts', contact(1));
    await waitFor(() => receiver.received.length === 1, 'the contact.created delivery');

    const [delivery] = receiver.received;
    const { headers, raw, event } = delivery!;
    expect(event).toMatchObject({ type: 'contact.created', data: created.data });
    expect(event.id).toMatch(/^evt_/);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['acme-event-id']).toBe(event.id);
    expect(headers['acme-delivery-attempt']).toBe('1');
    const signature = headers['acme-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signature).toBe(signPayload(raw, secret, nowSeconds()));

    expect(verifyAcmeSignature(signature, raw, secret, nowSeconds(), 300)).toBe(true);
    expect(verifyAcmeSignature(signature, Buffer.from(raw), secret, nowSeconds(), 300)).toBe(true);
    expect(verifyAcmeSignature(signature, raw.replace('Hook', 'Hack'), secret, nowSeconds(), 300)).toBe(false);
    expect(verifyAcmeSignature(signature, raw, `${secret}x`, nowSeconds(), 300)).toBe(false);
    expect(verifyAcmeSignature(signature, raw, secret, nowSeconds() + 301, 300)).toBe(false);
    expect(verifyAcmeSignature(undefined, raw, secret, nowSeconds(), 300)).toBe(false);
    expect(verifyAcmeSignature('t=abc,v1=zz', raw, secret, nowSeconds(), 300)).toBe(false);

    await v.vendor.webhooks.idle();
    expect(v.vendor.webhooks.deliveries(v.tenant.id)).toMatchObject([{ eventId: event.id, type: 'contact.created', attempt: 1, status: 200, outcome: 'delivered' }]);
  });

  it('emits contact, lead, deal and import events, with data in the subscription\'s version', async () => {
    await start();
    receiver = await startReceiver();
    const api = await v.authed('webhooks:manage contacts:write leads:write deals:write imports:write');
    await subscribe(api, ['contact.updated', 'contact.deleted', 'lead.created', 'deal.created', 'deal.updated', 'import.completed'], 'v2');
    await api.post('/v1/contacts', contact(2)); // not subscribed
    await api.patch('/v1/contacts/ct_000001', { opt_in: 'Y' });
    await api.delete('/v1/contacts/ct_000002');
    await api.post('/v1/leads', { email: 'lead@example.com' });
    const deal = await api.post('/v1/deals', { contact_id: 'ct_000001', title: 'Hooked', amount: 1050, currency: 'EUR' });
    await api.patch(`/v1/deals/${deal.data.id}`, { stage: 'won' });
    await api.post('/v1/imports/contacts', { contacts: [contact(3)] });
    v.vendor.clock.advance(100);
    await waitFor(() => receiver.received.length === 6, 'six deliveries');
    const byType = new Map(receiver.received.map((r) => [r.event.type, r.event.data]));
    expect([...byType.keys()].sort()).toEqual(['contact.deleted', 'contact.updated', 'deal.created', 'deal.updated', 'import.completed', 'lead.created']);
    expect(byType.get('contact.updated')).toMatchObject({ id: 'ct_000001', marketing_opt_in: true });
    expect(byType.get('contact.deleted')).toEqual({ id: 'ct_000002' });
    expect(byType.get('deal.created')).toMatchObject({ amount: { value: '10.50', currency: 'EUR' } });
    expect(byType.get('deal.updated')).toMatchObject({ stage: 'won' });
    expect(byType.get('import.completed')).toMatchObject({ status: 'succeeded', created: 1, total: 1 });
  });

  it('retries a delivery the receiver answered 500 only after the vendor clock reaches the retry time', async () => {
    await start();
    receiver = await startReceiver([500]);
    const api = await v.authed('webhooks:manage leads:write');
    const { secret } = await subscribe(api, ['lead.created']);
    await api.post('/v1/leads', { email: 'retry@example.com' });
    await waitFor(() => receiver.received.length === 1, 'the first attempt');
    await v.vendor.webhooks.idle();
    await pause(250);
    expect(receiver.received).toHaveLength(1);
    const [failed] = v.vendor.webhooks.deliveries(v.tenant.id);
    expect(failed).toMatchObject({ attempt: 1, status: 500, outcome: 'retry-scheduled', nextAttemptAt: new Date(v.vendor.clock.now() + 1_000).toISOString() });

    v.vendor.clock.advance(999);
    await pause(100);
    expect(receiver.received).toHaveLength(1);
    v.vendor.clock.advance(1);
    await waitFor(() => receiver.received.length === 2, 'the retry');
    const [first, retry] = receiver.received;
    expect(retry!.event.id).toBe(first!.event.id);
    expect(retry!.raw).toBe(first!.raw);
    expect(retry!.headers['acme-delivery-attempt']).toBe('2');
    expect(verifyAcmeSignature(retry!.headers['acme-signature'] as string, retry!.raw, secret, nowSeconds(), 300)).toBe(true);
    await v.vendor.webhooks.idle();
    expect(v.vendor.webhooks.deliveries(v.tenant.id).map((d) => d.outcome)).toEqual(['retry-scheduled', 'delivered']);
  });

  it('gives up once the tenant\'s retry schedule is used up', async () => {
    await start();
    receiver = await startReceiver([500, 502, 503, 504]);
    const api = await v.authed('webhooks:manage leads:write');
    await subscribe(api, ['lead.created']);
    await api.post('/v1/leads', { email: 'doomed@example.com' });
    await waitFor(() => receiver.received.length === 1, 'the first attempt');
    await v.vendor.webhooks.idle();
    v.vendor.clock.advance(1_000);
    await waitFor(() => receiver.received.length === 2, 'the first retry');
    await v.vendor.webhooks.idle();
    v.vendor.clock.advance(2_000);
    await waitFor(() => receiver.received.length === 3, 'the second retry');
    await v.vendor.webhooks.idle();
    v.vendor.clock.advance(3_600_000);
    await pause(100);
    expect(receiver.received).toHaveLength(3);
    const log = v.vendor.webhooks.deliveries(v.tenant.id);
    expect(log.map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 500, 'retry-scheduled'],
      [2, 502, 'retry-scheduled'],
      [3, 503, 'gave-up'],
    ]);
    expect(v.vendor.webhooks.pending(v.tenant.id).queued).toBe(0);
  });

  it('records a receiver that is not listening as a network error and retries it', async () => {
    await start();
    receiver = await startReceiver();
    const gone = await startReceiver();
    const deadUrl = gone.url;
    await gone.close();
    const api = await v.authed('webhooks:manage leads:write');
    await subscribe(api, ['lead.created'], 'v1', deadUrl);
    await api.post('/v1/leads', { email: 'nobody-home@example.com' });
    await waitFor(() => v.vendor.webhooks.deliveries(v.tenant.id).length === 1, 'the failed attempt');
    expect(v.vendor.webhooks.deliveries(v.tenant.id)[0]).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/), outcome: 'retry-scheduled' });
  });

  it('stops retrying once the subscription is deleted', async () => {
    await start();
    receiver = await startReceiver([500]);
    const api = await v.authed('webhooks:manage leads:write');
    const { id } = await subscribe(api, ['lead.created']);
    await api.post('/v1/leads', { email: 'deleted@example.com' });
    await waitFor(() => receiver.received.length === 1, 'the first attempt');
    await v.vendor.webhooks.idle();
    await api.delete(`/v1/webhooks/${id}`);
    v.vendor.clock.advance(1_000);
    await waitFor(() => v.vendor.webhooks.deliveries(v.tenant.id).length === 2, 'the cancelled retry');
    expect(v.vendor.webhooks.deliveries(v.tenant.id)[1]!.outcome).toBe('cancelled');
    expect(receiver.received).toHaveLength(1);
  });

  it('delivers the same event twice when a duplicate fault fires', async () => {
    await start({ rules: [{ match: { event: 'lead.created' }, when: { times: 1 }, fault: 'test-duplicate' }] });
    receiver = await startReceiver();
    const api = await v.authed('webhooks:manage leads:write');
    const { secret } = await subscribe(api, ['lead.created']);
    await api.post('/v1/leads', { email: 'twice@example.com' });
    await waitFor(() => receiver.received.length === 2, 'two copies');
    const [a, b] = receiver.received;
    expect(a!.event.id).toBe(b!.event.id);
    expect(a!.raw).toBe(b!.raw);
    for (const copy of [a!, b!]) expect(verifyAcmeSignature(copy.headers['acme-signature'] as string, copy.raw, secret, nowSeconds(), 300)).toBe(true);
    await v.vendor.webhooks.idle();
    expect(v.vendor.webhooks.deliveries(v.tenant.id).map((d) => [d.copy, d.fault])).toEqual(expect.arrayContaining([[0, 'test-duplicate'], [1, 'test-duplicate']]));
  });

  it('holds a delivery back when a hold fault fires, so the next event overtakes it', async () => {
    await start({ rules: [{ match: { event: 'contact.created' }, when: { times: 1 }, fault: 'test-hold' }] });
    receiver = await startReceiver();
    const api = await v.authed('webhooks:manage contacts:write');
    await subscribe(api, ['contact.created']);
    const first = await api.post('/v1/contacts', contact(10));
    const second = await api.post('/v1/contacts', contact(11));
    await waitFor(() => receiver.received.length === 1, 'the second event');
    expect(receiver.received[0]!.event.data['id']).toBe(second.data.id);
    await pause(100);
    expect(receiver.received).toHaveLength(1);
    v.vendor.clock.advance(5_000);
    await waitFor(() => receiver.received.length === 2, 'the held event');
    expect(receiver.received[1]!.event.data['id']).toBe(first.data.id);
    expect(Date.parse(receiver.received[1]!.event.created_at)).toBeLessThan(v.vendor.clock.now());
  });

  it('stops its timers and deliveries when the server closes', async () => {
    await start();
    receiver = await startReceiver([500]);
    const api = await v.authed('webhooks:manage leads:write');
    await subscribe(api, ['lead.created']);
    await api.post('/v1/leads', { email: 'closing@example.com' });
    await waitFor(() => receiver.received.length === 1, 'the first attempt');
    await v.vendor.webhooks.idle();
    expect(v.vendor.webhooks.pending().queued).toBe(1);
    await v.close();
    expect(v.vendor.webhooks.pending()).toEqual({ queued: 0, inFlight: 0, scheduledTasks: 0 });
    v.vendor.clock.advance(10_000);
    await pause(50);
    expect(receiver.received).toHaveLength(1);
  });
});
