import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm run lab -- ...` against a `.env` of the test's own (LAB_DOT_ENV), next to a vendor started as `npm start` starts it. */
const START = resolve('scripts/bundle/start-vendor.mjs');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill()));

function lab(args: string[], dotEnv: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'grader/cli/lab.ts', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LAB_DOT_ENV: dotEnv } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npmStart(cwd: string): Promise<{ child: ReturnType<typeof spawn>; env: Record<string, string> }> {
  const child = spawn(process.execPath, [START, '--port', '0'], { cwd, env: { ...process.env, VENDOR_ADMIN_TOKEN: '' } });
  children.push(child);
  let output = '';
  return new Promise((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Stop with Ctrl+C')) return;
      clearTimeout(timer);
      const env = Object.fromEntries(readFileSync(join(cwd, '.env'), 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => l.split('=', 2) as [string, string]));
      done({ child, env });
    });
  });
}

describe('npm run lab', () => {
  it('start after npm start switches the running vendor to the lab, leaves .env alone, and list notices when that vendor is gone', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lab-cli-'));
    const dotEnv = join(cwd, '.env');
    const { child, env } = await npmStart(cwd);
    const before = readFileSync(dotEnv, 'utf8');

    const started = lab(['start', '03'], dotEnv);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('Lab 03-unclear-docs');
    expect(started.stdout).toContain(`Acme CRM is already running at ${env['VENDOR_BASE_URL']} (your npm start, in another terminal)`);
    expect(started.stdout).toContain('now plays lab 03\'s scenario "03-unclear-docs"');
    expect(started.stdout).toContain('.env is unchanged');
    expect(readFileSync(dotEnv, 'utf8')).toBe(before);
    const tenant = (await (await fetch(`${env['VENDOR_BASE_URL']}/__admin/tenants/${env['VENDOR_TENANT_ID']}`, { headers: { Authorization: `Bearer ${env['VENDOR_ADMIN_TOKEN']}` } })).json()) as { scenario: string | { name: string } };
    expect(typeof tenant.scenario === 'string' ? tenant.scenario : tenant.scenario.name).toBe('03-unclear-docs');

    child.kill();
    await new Promise((done) => child.once('exit', done));
    const list = lab(['list'], dotEnv);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`.env points at ${env['VENDOR_BASE_URL']}, where no vendor answers any more`);
  }, 90_000);

  it('answers a lab that does not exist with exit code 2 and the list of labs', () => {
    const result = lab(['start', '99'], join(mkdtempSync(join(tmpdir(), 'lab-cli-')), '.env'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no lab "99"');
    expect(result.stderr).toContain('01-first-integration');
  });
});
