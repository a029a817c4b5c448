import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_STREAMS_ENV, maxStreamsPerTenantFrom } from '../../mock-vendor/journal/stream-cap.ts';
import { startTestVendor, TEST_ADMIN_TOKEN, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
const open: ClientRequest[] = [];
afterEach(async () => {
  for (const request of open.splice(0)) request.destroy();
  await v?.close();
});

/** Opens a journal stream and resolves with its response once the head arrived (the body keeps streaming). */
function openStream(path: string): Promise<IncomingMessage & { text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const request = get(`${v.url}/__admin${path}`, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, agent: false }, (res) => {
      const text = () =>
        new Promise<string>((done) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => done(body));
        });
      resolve(Object.assign(res, { text }));
    });
    request.on('error', reject);
    open.push(request);
  });
}

describe('journal streams', () => {
  it('25 at once on one tenant: 20 stream with no MaxListeners warning, the rest get 429 naming the cap', async () => {
    v = await startTestVendor();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const streams = [];
      for (let i = 0; i < 25; i++) streams.push(await openStream(`/tenants/${v.tenant.id}/journal/stream`));
      expect(streams.slice(0, 20).map((s) => s.statusCode)).toEqual(Array(20).fill(200));
      const refused = streams.slice(20);
      expect(refused.map((s) => s.statusCode)).toEqual(Array(5).fill(429));
      expect(refused[0]!.headers['content-type']).toContain('application/problem+json');
      const problem = JSON.parse(await refused[0]!.text()) as { code: string; detail: string; maxStreams: number };
      expect(problem).toMatchObject({ code: 'too_many_streams', maxStreams: 20 });
      expect(problem.detail).toContain('20');
      expect(problem.detail).toContain(MAX_STREAMS_ENV);

      // Every open stream still hears new entries; the anonymous journal has its own cap.
      await v.http.get('/v1/contacts');
      expect(v.tenant.journal.subscriberCount).toBe(20);
      expect((await openStream('/journal/anonymous/stream')).statusCode).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);

      // A closed stream frees its place.
      open[0]!.destroy();
      await expect.poll(() => v.tenant.journal.subscriberCount).toBe(19);
      expect((await openStream(`/tenants/${v.tenant.id}/journal/stream`)).statusCode).toBe(200);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('takes its cap from ACME_MAX_STREAMS_PER_TENANT, and refuses one that is not a positive whole number', async () => {
    expect(maxStreamsPerTenantFrom({})).toBe(20);
    expect(maxStreamsPerTenantFrom({ [MAX_STREAMS_ENV]: '3' })).toBe(3);
    for (const bad of ['0', '-1', 'lots', '2.5']) expect(() => maxStreamsPerTenantFrom({ [MAX_STREAMS_ENV]: bad })).toThrow(MAX_STREAMS_ENV);
    v = await startTestVendor({ maxStreamsPerTenant: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await openStream(`/tenants/${v.tenant.id}/journal/stream`)).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
