/**
 * The vendor image as a service: testcontainers starts it (host networking, waits for its start-up
 * log line and its healthcheck), lab 01's reference client does the lab's work against it, and the
 * vendor's own journal (admin API) shows the behaviour the lab's checks demand. Then compose brings
 * the same image up from docker-compose.yml (+ the host-networking override), it answers, it goes down.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import axios, { type AxiosInstance } from 'axios';
import { DockerComposeEnvironment, GenericContainer, Wait, type StartedDockerComposeEnvironment, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../grader/isolate/docker.ts';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import { createPlatform } from '../../labs/platform/index.ts';
import { createAcmeClient } from '../../solutions/01-first-integration/index.ts';
import { requireImages, VENDOR_IMAGE } from './support.ts';

const ADMIN_TOKEN = `containers-admin-${randomBytes(12).toString('hex')}`;

/** A port free on 127.0.0.1 right now (host networking: the container binds it itself). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function admin(baseURL: string): AxiosInstance {
  return axios.create({ baseURL: `${baseURL}/__admin`, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, timeout: 10_000 });
}

describe('the vendor image, started by testcontainers', () => {
  let vendor: StartedTestContainer;
  let baseURL: string;

  beforeAll(async () => {
    await requireImages(VENDOR_IMAGE);
    const port = await freePort();
    baseURL = `http://127.0.0.1:${port}`;
    vendor = await new GenericContainer(VENDOR_IMAGE)
      .withNetworkMode('host')
      .withEnvironment({ HOST: '127.0.0.1', PORT: String(port), VENDOR_ADMIN_TOKEN: ADMIN_TOKEN })
      .withCommand(['--scenario', 'calm', '--seed', '7'])
      .withTmpFs({ '/tmp': 'rw,size=16m' })
      // No port bindings with host networking: wait for what the vendor says and for its healthcheck.
      .withWaitStrategy(Wait.forAll([Wait.forLogMessage(/Acme CRM \(mock\) is running/), Wait.forHealthCheck()]))
      .withStartupTimeout(60_000)
      .start();
  });

  afterAll(async () => {
    await vendor?.stop({ remove: true, removeVolumes: true });
  });

  it('is ready when the wait ends: docs, OpenAPI and the admin API answer on loopback', async () => {
    const openapi = await axios.get(`${baseURL}/openapi.json`, { timeout: 10_000 });
    expect(openapi.status).toBe(200);
    expect(openapi.data.openapi).toMatch(/^3\.1/);
    const tenants = await admin(baseURL).get('/tenants');
    expect(tenants.data.map((t: { name: string }) => t.name)).toContain('default');
    const refused = await axios.get(`${baseURL}/__admin/tenants`, { validateStatus: () => true, headers: { Authorization: 'Bearer wrong-token-0123456789' } });
    expect(refused.status).toBe(401);
  });

  it("lab 01's reference client does the lab's work against it, as its checks require", async () => {
    const created = await admin(baseURL).post('/tenants', { name: 'lab-01', scenario: '01-first-integration', seed: 101 });
    const tenant = created.data as { id: string; clientId: string; clientSecret: string; records: { contacts: number } };
    const env = { VENDOR_BASE_URL: baseURL, VENDOR_CLIENT_ID: tenant.clientId, VENDOR_CLIENT_SECRET: tenant.clientSecret };
    const client = createAcmeClient({ env, logger: createPlatform().logger });

    const contacts = await client.listAllContacts();
    expect(contacts.length).toBe(tenant.records.contacts);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(contacts.length);
    const lead = await client.createLead({ email: 'ada@example.com', name: 'Ada Lovelace', source: 'containers-test' });
    expect(lead.id).toBeTruthy();

    const journal = (query: Record<string, string>) => admin(baseURL).get(`/tenants/${tenant.id}/journal`, { params: query }).then((r) => r.data as { path: string; idempotencyKey: string | null }[]);
    const pages = await journal({ method: 'GET', path: '/v1/contacts' });
    expect(pages.length).toBeGreaterThan(1);
    expect(await journal({ path: '/oauth/token' })).toHaveLength(1);
    const posts = await journal({ method: 'POST', path: '/v1/leads' });
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(posts.every((p) => p.idempotencyKey)).toBe(true);
  });
});

describe('docker-compose.yml with the host-networking override', () => {
  const project = `integration-lab-test-${randomBytes(3).toString('hex')}`;
  let stack: StartedDockerComposeEnvironment;
  let baseURL: string;
  let down = false;

  beforeAll(async () => {
    await requireImages(VENDOR_IMAGE);
    const port = await freePort();
    baseURL = `http://127.0.0.1:${port}`;
    stack = await new DockerComposeEnvironment(REPO_ROOT, ['docker-compose.yml', 'docker-compose.host.yml'])
      .withProjectName(project)
      .withEnvironment({ VENDOR_ADMIN_TOKEN: ADMIN_TOKEN, VENDOR_PORT: String(port), VENDOR_SEED: '42' })
      .withWaitStrategy('vendor-1', Wait.forHealthCheck())
      .withStartupTimeout(60_000)
      .up();
  });

  afterAll(async () => {
    if (!down) await stack?.down({ removeVolumes: true, timeout: 10_000 });
  });

  it('comes up healthy with the admin token and seed from the environment, and answers', async () => {
    const openapi = await axios.get(`${baseURL}/openapi.json`, { timeout: 10_000 });
    expect(openapi.status).toBe(200);
    const tenants = (await admin(baseURL).get('/tenants')).data as { name: string; seed: number; scenario: string }[];
    expect(tenants.find((t) => t.name === 'default')).toMatchObject({ scenario: 'calm', seed: 42 });
  });

  it('goes down and leaves nothing behind', async () => {
    await stack.down({ removeVolumes: true, timeout: 10_000 });
    down = true;
    await expect(axios.get(`${baseURL}/openapi.json`, { timeout: 5_000 })).rejects.toThrow();
    const left = await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]);
    expect(left.stdout.trim()).toBe('');
  });
});
