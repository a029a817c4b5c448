import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v1/contacts/:id', headers: { 'x-case': 'drip' } }, fault: 'slow-drip', options: { bytesPerChunk: 64, intervalMs: 25 } },
        { match: { method: 'GET', path: '/v1/contacts/:id', headers: { 'x-case': 'cap' } }, fault: 'slow-drip', options: { bytesPerChunk: 1, intervalMs: 50, maxDurationMs: 120 } },
        { match: { method: 'GET', path: '/v1/contacts/:id', headers: { 'x-case': 'trickle' } }, fault: 'slow-drip', options: { bytesPerChunk: 16, intervalMs: 50 } },
        { match: { method: 'GET', path: '/v1/contacts/:id', headers: { 'x-case': 'long' } }, fault: 'slow-drip', options: { bytesPerChunk: 1, intervalMs: 50 } },
      ],
    },
  });
});
afterAll(() => v.close());

/** Arrival times (ms after the request) of each body chunk, and the body. */
async function timedGet(path: string, headers: Record<string, string>): Promise<{ chunksAt: number[]; body: string; contentLength: number }> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${v.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      const chunksAt: number[] = [];
      res.on('data', (chunk: Buffer) => (chunks.push(chunk), chunksAt.push(performance.now() - startedAt)));
      res.on('end', () => resolve({ chunksAt, body: Buffer.concat(chunks).toString('utf8'), contentLength: Number(res.headers['content-length']) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('timed out')));
  });
}

describe('slow-drip', () => {
  it('delivers the real body in small chunks spread over time', async () => {
    const auth = { Authorization: `Bearer ${await v.token('contacts:read')}` };
    const { chunksAt, body, contentLength } = await timedGet('/v1/contacts/ct_000001', { ...auth, 'x-case': 'drip' });
    const chunks = Math.ceil(contentLength / 64);
    expect(chunks).toBeGreaterThanOrEqual(3);
    // The last chunk cannot leave before (chunks - 1) intervals; a busy client may read several chunks at once.
    expect(chunksAt.at(-1)!).toBeGreaterThanOrEqual((chunks - 1) * 25 - 5);
    expect(chunksAt.length).toBeGreaterThanOrEqual(2);
    expect(Buffer.byteLength(body)).toBe(contentLength);
    expect(JSON.parse(body).id).toBe('ct_000001');
  });

  it('sends the rest at once when maxDurationMs has passed', async () => {
    const auth = { Authorization: `Bearer ${await v.token('contacts:read')}` };
    const startedAt = performance.now();
    const { body } = await timedGet('/v1/contacts/ct_000001', { ...auth, 'x-case': 'cap' });
    const elapsed = performance.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(110);
    expect(elapsed).toBeLessThan(3_000); // uncapped, 1 byte per 50 ms would take over 10 s
    expect(JSON.parse(body).id).toBe('ct_000001');
  });

  it('defeats an idle timeout: axios timeout (a socket idle timer in Node) never fires while bytes trickle in', async () => {
    const api = await v.authed('contacts:read');
    const startedAt = performance.now();
    const res = await api.get('/v1/contacts/ct_000001', { timeout: 300, headers: { 'x-case': 'trickle' } });
    expect(performance.now() - startedAt).toBeGreaterThan(300);
    expect(res.status).toBe(200);
    expect(res.data.id).toBe('ct_000001');
  });

  it('stops dripping when the client gives up on the whole request, and journals it as client-aborted', async () => {
    const api = await v.authed('contacts:read');
    await expect(api.get('/v1/contacts/ct_000002', { signal: AbortSignal.timeout(100), headers: { 'x-case': 'long' } })).rejects.toMatchObject({
      code: 'ERR_CANCELED',
    });
    await expect
      .poll(() => v.tenant.journal.find({ path: '/v1/contacts/ct_000002', kind: 'connection' }), { timeout: 1_000, interval: 20 })
      .toContainEqual(expect.objectContaining({ outcome: 'client-aborted', fault: 'slow-drip' }));
  });
});
