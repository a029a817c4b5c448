import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../mock-vendor/admin/routes.ts';
import { startTestVendor, TEST_ADMIN_TOKEN, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
/** Tenants made through the admin API, each with the key POST /__admin/tenants answered. */
let ada: { id: string; tenantKey: string };
let grace: { id: string; tenantKey: string };

beforeAll(async () => {
  v = await startTestVendor();
  ada = (await v.admin.post('/tenants', { name: 'ada' })).data;
  grace = (await v.admin.post('/tenants', { name: 'grace' })).data;
});
afterAll(() => v.close());

interface Route {
  method: string;
  path: string;
}

/** Every route of the admin router, read from its stack: a route added later is tested without anyone listing it. */
function adminRouteTable(): Route[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  const stack = (adminRoutes(v.vendor) as unknown as { stack: Layer[] }).stack;
  return stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })) : []));
}

const underTenant = (route: Route) => route.path === '/tenants/:id' || route.path.startsWith('/tenants/:id/');
const label = (route: Route) => `${route.method} ${route.path}`;
/** Open to every key: who am I, and the catalogues, which are the same for everyone. */
const OPEN_TO_EVERY_KEY = ['GET /me', 'GET /faults', 'GET /scenarios', 'GET /scenarios/:name'];

function fill(path: string, tenantId: string): string {
  return path.replace(':id', tenantId).replace(':name', 'calm').replace(':collection', 'contacts').replace(/:\w+/g, 'x');
}

/** Calls the admin API with `key`; a stream's body is left unread, so streams answer too. */
async function call(key: string, method: string, path: string): Promise<{ status: number; type: string; body: { code?: string; detail?: string } | undefined }> {
  const withBody = !['GET', 'HEAD', 'DELETE'].includes(method);
  const res = await fetch(`${v.url}/__admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(withBody ? { 'Content-Type': 'application/json' } : {}) },
    ...(withBody ? { body: '{}' } : {}),
  });
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, type, body: undefined };
  }
  const text = await res.text();
  return { status: res.status, type, body: text && type.includes('json') ? JSON.parse(text) : undefined };
}

function expectRefused(answer: Awaited<ReturnType<typeof call>>, route: string, mayDo: string): void {
  expect(answer.status, route).toBe(403);
  expect(answer.type, route).toContain('application/problem+json');
  expect(answer.body?.code, route).toBe('forbidden');
  expect(answer.body?.detail, route).toContain(mayDo);
}

describe('admin routes, as the router has them', () => {
  it('are found by walking the router: tenant routes and vendor-wide ones', () => {
    const routes = adminRouteTable().map(label);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes).toEqual(expect.arrayContaining(['GET /tenants/:id/journal/stream', 'POST /tenants/:id/key/rotate', 'GET /clock', 'POST /reset', 'GET /journal/anonymous/stream', 'POST /grading-keys']));
  });
});

describe('a tenant key', () => {
  const adaMay = () => `This is the tenant key of ${ada.id}: it administers that tenant only, under /__admin/tenants/${ada.id}/`;

  it('is refused 403 problem+json on every admin route of another tenant', async () => {
    const routes = adminRouteTable().filter(underTenant);
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) expectRefused(await call(ada.tenantKey, route.method, fill(route.path, grace.id)), label(route), adaMay());
  });

  it('is refused 403 problem+json on every vendor-wide route, save who-am-I and the catalogues', async () => {
    const routes = adminRouteTable().filter((route) => !underTenant(route));
    for (const route of routes) {
      const answer = await call(ada.tenantKey, route.method, fill(route.path, grace.id));
      if (OPEN_TO_EVERY_KEY.includes(label(route))) expect(answer.status, label(route)).toBe(200);
      else expectRefused(answer, label(route), adaMay());
    }
    const listed = await call(ada.tenantKey, 'GET', '/tenants');
    expect(listed.body?.detail).toContain(`GET /__admin/tenants/${ada.id}`);
  });

  it('may not delete its own tenant, and says what to do instead', async () => {
    const answer = await call(ada.tenantKey, 'DELETE', `/tenants/${ada.id}`);
    expectRefused(answer, 'DELETE own tenant', adaMay());
    expect(answer.body?.detail).toContain(`POST /__admin/tenants/${ada.id}/reset`);
  });

  it('does everything under its own tenant', async () => {
    const routes = adminRouteTable().filter((route) => underTenant(route) && !['DELETE /tenants/:id', 'POST /tenants/:id/key/rotate'].includes(label(route)));
    for (const route of routes) {
      const answer = await call(ada.tenantKey, route.method, fill(route.path, ada.id));
      expect([401, 403], `${label(route)} answered ${answer.status} ${answer.body?.detail ?? ''}`).not.toContain(answer.status);
    }
    expect((await call(ada.tenantKey, 'GET', `/tenants/${ada.id}/journal`)).status).toBe(200);
    expect((await call(ada.tenantKey, 'GET', '/me')).body).toMatchObject({ kind: 'tenant', tenantId: ada.id });
  });

  it('is refused when the id is spelled another way than the route serves it', async () => {
    expectRefused(await call(ada.tenantKey, 'GET', `/TENANTS/${grace.id}/journal`), 'upper case', adaMay());
    expectRefused(await call(ada.tenantKey, 'GET', `/tenants/${encodeURIComponent(grace.id).replace('_', '%5F')}/journal`), 'percent-encoded', adaMay());
    expect((await call(ada.tenantKey, 'GET', `/tenants/${ada.id.replace('_', '%5F')}/journal`)).status).toBe(200);
  });

  it('stops working at once when rotated, and the journal stream it opened ends', async () => {
    const scratch = (await v.admin.post('/tenants', { name: 'rotated' })).data as { id: string; tenantKey: string };
    const stream = await fetch(`${v.url}/__admin/tenants/${scratch.id}/journal/stream`, { headers: { Authorization: `Bearer ${scratch.tenantKey}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read(); // the retry: line
    const rotated = await call(scratch.tenantKey, 'POST', `/tenants/${scratch.id}/key/rotate`);
    expect(rotated.status).toBe(200);
    const { tenantKey } = rotated.body as { tenantKey: string };
    expect(tenantKey).toMatch(/^acme_tk_[\w-]{32}$/);
    expect((await call(scratch.tenantKey, 'GET', `/tenants/${scratch.id}`)).status).toBe(401);
    expect((await call(tenantKey, 'GET', `/tenants/${scratch.id}`)).status).toBe(200);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
    await v.admin.delete(`/tenants/${scratch.id}`);
  });

  it('survives a reset of its tenant; deleting the tenant revokes it', async () => {
    const scratch = (await v.admin.post('/tenants', { name: 'short-lived' })).data as { id: string; tenantKey: string };
    expect((await call(scratch.tenantKey, 'POST', `/tenants/${scratch.id}/reset`)).status).toBe(200);
    expect((await call(scratch.tenantKey, 'GET', `/tenants/${scratch.id}`)).status).toBe(200);
    expect((await v.admin.delete(`/tenants/${scratch.id}`)).status).toBe(204);
    const gone = await call(scratch.tenantKey, 'GET', `/tenants/${scratch.id}`);
    expect(gone.status).toBe(401);
    expect(gone.body?.code).toBe('unauthorized');
  });

  it('is never journaled in clear', () => {
    const journals = [v.vendor.anonymousJournal, ...v.vendor.tenants().map((t) => t.journal)].map((j) => JSON.stringify(j.entries()));
    for (const text of journals) expect(text).not.toContain(ada.tenantKey);
  });
});

describe('a grading key', () => {
  let grading: { id: string; gradingKey: string };
  let own: { id: string; tenantKey: string }[];
  const graderMay = () => `This is grading key ${grading.id}: it creates tenants (POST /__admin/tenants), lists the ones it created`;

  beforeAll(async () => {
    const made = await v.admin.post('/grading-keys');
    expect(made.status).toBe(201);
    grading = made.data;
    expect(grading.gradingKey).toMatch(/^acme_gk_[\w-]{32}$/);
    own = [];
    for (const name of ['check-1', 'check-2']) {
      const created = await fetch(`${v.url}/__admin/tenants`, { method: 'POST', headers: { Authorization: `Bearer ${grading.gradingKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
      expect(created.status).toBe(201);
      own.push((await created.json()) as { id: string; tenantKey: string });
    }
  });

  it('lists only the tenants it created', async () => {
    const listed = await call(grading.gradingKey, 'GET', '/tenants');
    expect(listed.status).toBe(200);
    expect((listed.body as unknown as { data: { id: string }[] }).data.map((t) => t.id)).toEqual(own.map((t) => t.id));
    expect(own[0]!.tenantKey).toMatch(/^acme_tk_/);
  });

  it('administers the tenants it created', async () => {
    expect((await call(grading.gradingKey, 'GET', `/tenants/${own[0]!.id}/journal`)).status).toBe(200);
    expect((await call(grading.gradingKey, 'POST', `/tenants/${own[0]!.id}/tokens/expire`)).status).toBe(200);
  });

  it('is refused 403 problem+json on every route of a tenant it did not create', async () => {
    for (const route of adminRouteTable().filter(underTenant)) expectRefused(await call(grading.gradingKey, route.method, fill(route.path, ada.id)), label(route), graderMay());
  });

  it('is refused 403 problem+json on every vendor-wide route but creating and listing tenants, who-am-I and the catalogues', async () => {
    const allowed = [...OPEN_TO_EVERY_KEY, 'GET /tenants', 'POST /tenants'];
    for (const route of adminRouteTable().filter((r) => !underTenant(r) && !allowed.includes(label(r)))) {
      expectRefused(await call(grading.gradingKey, route.method, fill(route.path, ada.id)), label(route), graderMay());
    }
  });

  it('deletes a tenant it created, and stops working once the admin deletes it', async () => {
    expect((await call(grading.gradingKey, 'DELETE', `/tenants/${own[1]!.id}`)).status).toBe(204);
    expect((await call(own[1]!.tenantKey, 'GET', `/tenants/${own[1]!.id}`)).status).toBe(401);
    expect((await v.admin.delete(`/grading-keys/${grading.id}`)).status).toBe(204);
    expect((await call(grading.gradingKey, 'GET', '/tenants')).status).toBe(401);
    expect((await v.admin.delete(`/grading-keys/${grading.id}`)).status).toBe(404);
    expect((await call(TEST_ADMIN_TOKEN, 'GET', `/tenants/${own[0]!.id}`)).status).toBe(200);
  });
});

describe('the admin token', () => {
  it('still does everything, on every route', async () => {
    const scratch = (await v.admin.post('/tenants', { name: 'admin-everything' })).data as { id: string };
    const routes = adminRouteTable().sort((a, b) => Number(label(a) === 'DELETE /tenants/:id') - Number(label(b) === 'DELETE /tenants/:id'));
    for (const route of routes) {
      const answer = await call(TEST_ADMIN_TOKEN, route.method, fill(route.path, scratch.id));
      expect([401, 403], `${label(route)} answered ${answer.status}`).not.toContain(answer.status);
    }
    expect((await call(TEST_ADMIN_TOKEN, 'GET', '/me')).body).toMatchObject({ kind: 'admin' });
  });
});
