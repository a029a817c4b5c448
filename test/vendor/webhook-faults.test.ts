import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';
import { startReceiver, waitFor, type Receiver } from '../support/webhook-receiver.ts';

let v: TestVendor;
let receiver: Receiver;
afterEach(async () => {
  await v?.close();
  await receiver?.close();
});

async function subscribe(events: string[]) {
  const api = await v.authed();
  const res = await api.post('/v1/webhooks', { url: receiver.url, events });
  expect(res.status).toBe(201);
  return api;
}

describe('built-in webhook faults, through the dispatcher', () => {
  it('webhook-duplicate delivers the same event twice, and the admin API shows both copies', async () => {
    receiver = await startReceiver();
    v = await startTestVendor({ tenant: { rules: [{ match: { event: 'contact.created' }, fault: 'webhook-duplicate' }] } });
    const api = await subscribe(['contact.created']);
    await api.post('/v1/contacts', { first_name: 'Dup', last_name: 'Licate', email: 'dup@example.com' });
    await waitFor(() => receiver.received.length === 2, 'two deliveries');
    const [first, second] = receiver.received;
    expect(first!.event.id).toBe(second!.event.id);
    const log = await v.admin.get(`/tenants/${v.tenant.id}/webhooks/deliveries`, { params: { eventId: first!.event.id } });
    expect(log.status).toBe(200);
    expect(log.data).toHaveLength(2);
    expect(log.data.every((d: { outcome: string }) => d.outcome === 'delivered')).toBe(true);
  });

  it('webhook-out-of-order holds an event back so a later one overtakes it', async () => {
    receiver = await startReceiver();
    const clock = createClock({ frozenAt: Date.parse('2026-05-01T09:00:00Z') });
    v = await startTestVendor({ clock, tenant: { rules: [{ match: { event: 'contact.updated' }, when: { times: 1 }, fault: 'webhook-out-of-order', options: { holdSeconds: 30 } }] } });
    const api = await subscribe(['contact.updated']);
    await api.patch('/v1/contacts/ct_000001', { company: 'First Update Ltd' });
    await api.patch('/v1/contacts/ct_000001', { company: 'Second Update Ltd' });
    await waitFor(() => receiver.received.length === 1, 'the second update');
    expect(JSON.stringify(receiver.received[0]!.event.data)).toContain('Second Update Ltd');
    clock.advance(30_000);
    await waitFor(() => receiver.received.length === 2, 'the held-back first update');
    expect(JSON.stringify(receiver.received[1]!.event.data)).toContain('First Update Ltd');
  });
});
