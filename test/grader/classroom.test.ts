import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassroomError } from '../../grader/classroom/class-vendor.ts';
import { createClass, readLearners, writeClassCsv } from '../../grader/classroom/create-class.ts';
import { joinClass } from '../../grader/classroom/join-class.ts';
import { startVendor } from '../../mock-vendor/server.ts';

/** The three classroom commands against one vendor: the teacher's create, then each learner's join. */
let running: Awaited<ReturnType<typeof startVendor>>;
beforeAll(async () => {
  running = await startVendor({ log: () => {} });
});
afterAll(() => running.close());

const work = () => mkdtempSync(join(tmpdir(), 'classroom-'));

describe('a classroom on one vendor', () => {
  it('creates a tenant and a key per learner, writes them owner-only, and each learner joins with their own', async () => {
    const dir = work();
    writeFileSync(join(dir, 'learners.txt'), 'ada\n# a comment\n\ngrace\n');
    const rows = await createClass(running.url, running.vendor.adminToken, readLearners(join(dir, 'learners.txt')));
    expect(rows.map((r) => r.learner)).toEqual(['ada', 'grace']);
    writeClassCsv(join(dir, 'class.csv'), rows);
    expect(statSync(join(dir, 'class.csv')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'class.csv'), 'utf8')).toContain(`ada,${rows[0]!.tenantId},${rows[0]!.clientId},${rows[0]!.tenantKey},npm run lab -- join ${running.url} --key ${rows[0]!.tenantKey}`);

    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'VENDOR_ADMIN_TOKEN=acme_admin_of_a_local_vendor_000\nMY_OWN=kept\n');
    const joined = await joinClass(running.url, rows[0]!.tenantKey, envFile);
    expect(joined.tenantId).toBe(rows[0]!.tenantId);
    const env = parseEnv(readFileSync(envFile, 'utf8'));
    expect(env).toMatchObject({ VENDOR_BASE_URL: running.url, VENDOR_TENANT_ID: rows[0]!.tenantId, VENDOR_TENANT_KEY: rows[0]!.tenantKey, MY_OWN: 'kept' });
    expect(env['VENDOR_ADMIN_TOKEN']).toBeUndefined();
    const token = await fetch(`${running.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${env['VENDOR_CLIENT_ID']}:${env['VENDOR_CLIENT_SECRET']}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);

    const other = await fetch(`${running.url}/__admin/tenants/${rows[1]!.tenantId}/journal`, { headers: { Authorization: `Bearer ${rows[0]!.tenantKey}` } });
    expect(other.status, "ada's key on grace's journal").toBe(403);
  });

  it('refuses the admin token as a learner key, an unknown key, a bad URL and a bad learner list, saying what to do', async () => {
    const dir = work();
    await expect(joinClass(running.url, running.vendor.adminToken, join(dir, '.env'))).rejects.toThrow(/not a learner's key/);
    await expect(joinClass(running.url, 'acme_tk_not_a_key_of_this_vendor', join(dir, '.env'))).rejects.toThrow(/does not know that key/);
    await expect(joinClass('http://127.0.0.1:9', 'acme_tk_x', join(dir, '.env'))).rejects.toThrow(ClassroomError);
    writeFileSync(join(dir, 'twice.txt'), 'ada\nada\n');
    expect(() => readLearners(join(dir, 'twice.txt'))).toThrow(/ada more than once/);
    expect(() => readLearners(join(dir, 'missing.txt'))).toThrow(/one learner's name per line/);
  });
});
