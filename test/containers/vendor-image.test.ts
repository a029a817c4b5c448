/**
 * The vendor image as a service: testcontainers starts it (host networking, waits for its start-up
 * log line and its healthcheck), and the graded checks of all ten labs, visible and hidden, grade the
 * reference solutions and the starters against it in remote mode with a grading key (`npm run grade --
 * --vendor URL --admin-token acme_gk_…`), as a classroom's grader does. Then compose brings the
 * same image up from docker-compose.yml (+ the host-networking override), it answers, it goes down.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import axios, { type AxiosInstance } from 'axios';
import { DockerComposeEnvironment, GenericContainer, Wait, type StartedDockerComposeEnvironment, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../grader/isolate/docker.ts';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import type { GradeReport } from '../../grader/report.ts';
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
    expect(tenants.data.data.map((t: { name: string }) => t.name)).toContain('default');
    const refused = await axios.get(`${baseURL}/__admin/tenants`, { validateStatus: () => true, headers: { Authorization: 'Bearer wrong-token-0123456789' } });
    expect(refused.status).toBe(401);
  });

  it('grades all ten labs with a grading key: every check of the reference solutions passes, each starter earns only its baseline points, and only the vendor\'s own tenant is left', async () => {
    const { gradingKey } = (await admin(baseURL).post<{ gradingKey: string }>('/grading-keys')).data;
    const grade = (target: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const args = ['--import', 'tsx', 'grader/cli/grade.ts', '--target', target, '--vendor', baseURL, '--admin-token', gradingKey, '--reporter', 'json'];
        execFile(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 420_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
        );
      });
    // Both at once: the checks mostly wait (timeouts, backoff), and one vendor serves both, as it would a class.
    const [solutions, starters] = await Promise.all([grade('solutions'), grade('starters')]);
    expect(solutions.code, solutions.stderr).toBe(0);
    expect(solutions.stderr).toContain(`(target: solutions, vendor: ${baseURL})`);
    const solved = (JSON.parse(solutions.stdout) as GradeReport).labs;
    expect(solved).toHaveLength(10);
    for (const lab of solved) {
      expect(lab.checks.filter((c) => c.status !== 'passed').map((c) => `${lab.id}: ${c.title}: ${c.feedback}`)).toEqual([]);
      expect(lab.checks.some((c) => c.hidden)).toBe(true);
      expect(lab.score).toBe(100);
    }
    for (const lab of (JSON.parse(starters.stdout) as GradeReport).labs) {
      expect(lab.checks.filter((c) => !c.baseline && c.status === 'passed').map((c) => `${lab.id}: ${c.title}`)).toEqual([]);
      expect(lab.points, lab.id).toBe(lab.checks.filter((c) => c.baseline).reduce((sum, c) => sum + c.maxPoints, 0));
    }
    const tenants = (await admin(baseURL).get('/tenants')).data.data as { name: string }[];
    expect(tenants.map((t) => t.name)).toEqual(['default']);
  }, 900_000);
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
    const tenants = (await admin(baseURL).get('/tenants')).data.data as { name: string; seed: number; scenario: string }[];
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
