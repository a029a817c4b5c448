import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { ImportAcceptedSchema, JobSchema } from '../../mock-vendor/schemas/job.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
afterEach(() => v?.close());

/** 10 rows per vendor-clock second, on a clock that stands still until a test moves it. */
const slowImports = defineScenario({ name: 'slow-imports', description: 'Bulk imports at 10 rows per second.', settings: { importRecordsPerSecond: 10 } });
const start = () => startTestVendor({ clock: createClock({ frozenAt: Date.now() }), scenarios: [slowImports], tenant: { scenario: 'slow-imports' } });

const row = (i: number) => ({ first_name: 'Row', last_name: `Number ${i}`, email: `row${i}@example.com` });

describe('bulk contact import', () => {
  it('accepts with 202, Location and Retry-After, then progresses only as the vendor clock advances', async () => {
    v = await start();
    const api = await v.authed('imports:write contacts:read');
    const rows: unknown[] = Array.from({ length: 25 }, (_, i) => row(i));
    rows[3] = { first_name: 'No', last_name: 'Email' };
    rows[17] = { ...row(17), email: 'not-an-email', shoe_size: 44 };
    const contactsBefore = v.tenant.data.contacts.size;

    const accepted = await api.post('/v1/imports/contacts', { contacts: rows });
    expect(accepted.status).toBe(202);
    const { id } = ImportAcceptedSchema.parse(accepted.data);
    expect(accepted.headers['location']).toBe(`/v1/jobs/${id}`);
    expect(accepted.headers['retry-after']).toBe('1');

    const queued = await api.get(accepted.headers['location']);
    expect(queued.status).toBe(200);
    expect(JobSchema.parse(queued.data)).toMatchObject({ status: 'queued', total: 25, processed: 0, created: 0, failed: [] });
    expect(queued.headers['retry-after']).toBe('1');
    expect(v.tenant.data.contacts.size).toBe(contactsBefore);

    v.vendor.clock.advance(1_000);
    const running = JobSchema.parse((await api.get(`/v1/jobs/${id}`)).data);
    expect(running).toMatchObject({ status: 'running', processed: 10, created: 9 });
    expect(running.failed.map((f) => f.index)).toEqual([3]);
    expect(running.failed[0]!.errors.map((e) => e.field)).toContain('email');
    expect(v.tenant.data.contacts.size).toBe(contactsBefore + 9);

    v.vendor.clock.advance(1_400);
    expect((await api.get(`/v1/jobs/${id}`)).data).toMatchObject({ status: 'running', processed: 24 });

    v.vendor.clock.advance(100);
    const done = await api.get(`/v1/jobs/${id}`);
    const job = JobSchema.parse(done.data);
    expect(job).toMatchObject({ status: 'succeeded', total: 25, processed: 25, created: 23 });
    expect(job.failed.map((f) => f.index)).toEqual([3, 17]);
    expect(job.failed[1]!.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['email', '(body)']));
    expect(job.created_ids).toHaveLength(23);
    expect(job.completed_at).toBe(new Date(Date.parse(job.created_at) + 2_500).toISOString());
    expect(done.headers['retry-after']).toBeUndefined();
    expect(v.tenant.data.contacts.size).toBe(contactsBefore + 23);

    const imported = await api.get(`/v1/contacts/${job.created_ids[0]}`);
    expect(imported.data).toMatchObject({ first_name: 'Row', last_name: 'Number 0', email: 'row0@example.com' });
  });

  it('reads rows in the shape of the version it was posted to', async () => {
    v = await start();
    const api = await v.authed('imports:write contacts:read');
    const accepted = await api.post('/v2/imports/contacts', {
      contacts: [{ name: { first: 'Vera', last: 'Two' }, email: 'vera@example.com', marketing_opt_in: true }, row(1)],
    });
    expect(accepted.headers['location']).toBe(`/v2/jobs/${accepted.data.id}`);
    v.vendor.clock.advance(60_000);
    const job = (await api.get(accepted.headers['location'])).data;
    expect(job).toMatchObject({ status: 'succeeded', created: 1, failed: [{ index: 1 }] });
    expect((await api.get(`/v2/contacts/${job.created_ids[0]}`)).data).toMatchObject({ name: { first: 'Vera', last: 'Two' }, marketing_opt_in: true });
  });

  it('reports a job in which no row could be created as failed', async () => {
    v = await start();
    const api = await v.authed('imports:write');
    const accepted = await api.post('/v1/imports/contacts', { contacts: [{}, { email: 'x' }] });
    v.vendor.clock.advance(1_000);
    expect((await api.get(`/v1/jobs/${accepted.data.id}`)).data).toMatchObject({ status: 'failed', processed: 2, created: 0 });
  });

  it('refuses an empty import, more than 1,000 rows, and unknown jobs', async () => {
    v = await start();
    const api = await v.authed('imports:write');
    expect((await api.post('/v1/imports/contacts', { contacts: [] })).status).toBe(422);
    expect((await api.post('/v1/imports/contacts', { contacts: Array.from({ length: 1_001 }, (_, i) => row(i)) })).status).toBe(422);
    expect((await api.post('/v1/imports/contacts', [row(1)])).status).toBe(422);
    expect((await api.get('/v1/jobs/jb_999999')).status).toBe(404);
    expect((await (await v.authed('contacts:write')).post('/v1/imports/contacts', { contacts: [row(1)] })).status).toBe(403);
  });

  it('finishes a job on schedule even if nobody polls it', async () => {
    v = await start();
    const api = await v.authed('imports:write');
    const before = v.tenant.data.contacts.size;
    await api.post('/v1/imports/contacts', { contacts: [row(1), row(2), row(3)] });
    v.vendor.clock.advance(300);
    expect(v.tenant.data.contacts.size).toBe(before + 3);
    expect(v.tenant.data.jobs.get('jb_000001')!.status).toBe('succeeded');
  });
});
