import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, TEST_ADMIN_TOKEN, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor();
});
afterAll(() => v.close());

/** Reads a journal stream over HTTP until `until` holds for what arrived (bounded), then hangs up. */
function readStream(path: string, until: (text: string) => boolean, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${v.url}/__admin${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...headers } }, (res) => {
      let text = '';
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text });
      };
      const timer = setTimeout(done, 3_000);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (until(text)) done();
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end();
  });
}

const seqsIn = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe('the console', () => {
  it('serves its page, script and styles with a CSP that allows nothing but this vendor', async () => {
    const page = await v.http.get('/console');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.data).toContain('<script type="module" src="/console/console.js"></script>');
    expect(page.data).not.toMatch(/<script>|<style>| style="/);
    const script = await v.http.get('/console/console.js');
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.data).toContain('/journal/stream');
    expect(script.data).toContain('/journal/anonymous/stream');
    for (const module of ['details.js', 'group-hue.js', 'why-not-tied.js', 'wording.js']) {
      expect(script.data).toContain(`from './${module}'`);
      const served = await v.http.get(`/console/${module}`);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toMatch(/^text\/javascript/);
      expect(served.headers['content-security-policy']).toContain("default-src 'none'");
    }
    expect((await v.http.get('/console/console.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await v.http.get('/console/nothing.js')).status).toBe(404);
  });

  it('is not journaled, so watching never changes what the graded checks see', async () => {
    await v.http.get('/console');
    expect(v.tenant.journal.find({ path: '/console*' })).toHaveLength(0);
    expect(v.vendor.anonymousJournal.find({ path: '/console*' }).map((e) => e.path)).toEqual([]);
  });
});

describe('GET /__admin/tenants/:id/journal/stream', () => {
  it('streams the journal as server-sent events: what is there, then each new request as it happens', async () => {
    const api = await v.authed();
    await api.get('/v1/contacts/ct_000001');
    const firstSeq = v.tenant.journal.entries().at(-1)!.seq;
    const streamed = readStream(`/tenants/${v.tenant.id}/journal/stream?after=${firstSeq - 1}`, (text) => seqsIn(text).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await api.get('/v1/contacts/ct_000002');
    const { status, type, text } = await streamed;
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/event-stream/);
    expect(seqsIn(text)).toEqual([firstSeq, firstSeq + 1]);
    const live = JSON.parse(/event: entry\ndata: (.*)\n\n$/.exec(text)![1]!);
    expect(live).toMatchObject({ method: 'GET', path: '/v1/contacts/ct_000002', status: 200 });
    expect(live.authorization).toMatch(/^Bearer sha256:/);
  });

  it('is for the admin token only, and names a bad ?after=', async () => {
    const tenantToken = await v.token();
    const refused = await v.http.get(`/__admin/tenants/${v.tenant.id}/journal/stream`, { headers: { Authorization: `Bearer ${tenantToken}` } });
    expect(refused.status).toBe(401);
    const bad = await v.admin.get(`/tenants/${v.tenant.id}/journal/stream?after=soon`);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.data.detail).toContain('"soon"');
    expect((await v.admin.get('/tenants/ten_none/journal/stream')).status).toBe(404);
  });
});

describe('GET /__admin/journal/anonymous/stream', () => {
  it('streams the requests Acme could not tie to a tenant, and only those', async () => {
    const before = v.vendor.anonymousJournal.entries().at(-1)?.seq ?? 0;
    const streamed = readStream(`/journal/anonymous/stream?after=${before}`, (text) => seqsIn(text).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await v.http.get('/v1/contacts', { headers: { Authorization: 'Bearer not-a-real-token' } })).status).toBe(401);
    await (await v.authed()).get('/v1/contacts/ct_000001');
    expect((await v.http.get('/v1/contacts')).status).toBe(401);
    const { status, type, text } = await streamed;
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/event-stream/);
    expect(seqsIn(text)).toEqual(v.vendor.anonymousJournal.entries().filter((e) => e.seq > before).map((e) => e.seq));
    const entries = [...text.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!));
    expect(entries.map((e) => [e.path, e.status, e.tenantId, e.errorCode])).toEqual([
      ['/v1/contacts', 401, null, 'invalid_token'],
      ['/v1/contacts', 401, null, 'unauthorized'],
    ]);
  });

  it('is vendor-wide, so only the admin token may read it: none, a wrong one or a tenant token get a 401 problem', async () => {
    const tenantToken = await v.token();
    for (const authorization of [undefined, 'Bearer not-the-admin-token', `Bearer ${tenantToken}`]) {
      const refused = await v.http.get('/__admin/journal/anonymous/stream', { headers: authorization ? { Authorization: authorization } : {} });
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.data.detail).toContain('VENDOR_ADMIN_TOKEN');
    }
    const bad = await v.admin.get('/journal/anonymous/stream?after=soon');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
