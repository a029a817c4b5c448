import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startVendor } from '../../mock-vendor/server.ts';
import { fingerprint } from '../../mock-vendor/tenants/fingerprint.ts';
import { Vendor } from '../../mock-vendor/vendor.ts';

const MAIN = resolve('mock-vendor/main.ts');
/** tsx by path: the child runs in a fresh folder (its .env goes there), where `--import tsx` would not resolve. */
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill()));

/** `npm start` from source (tsx), with its .env in a fresh folder; resolves with its output once the banner is out, or once it exits. */
function runStart(adminToken: string): Promise<{ output: string; exitCode: number | null; envFile: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'banner-'));
  const envFile = join(cwd, '.env');
  // No --env-file: Node 20 takes it for its own option even after the script name.
  const child = spawn(process.execPath, ['--import', TSX, MAIN, '--port', '0'], { cwd, env: { ...process.env, VENDOR_ADMIN_TOKEN: adminToken } });
  children.push(child);
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`neither a banner nor an exit within 30 s:\n${output}`)), 30_000);
    const done = (exitCode: number | null) => {
      clearTimeout(timer);
      resolvePromise({ output, exitCode, envFile });
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Stop with Ctrl+C')) done(null);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => done(code));
  });
}

describe('the admin token at start', () => {
  it('refuses one under 16 characters, naming VENDOR_ADMIN_TOKEN and how to make one', async () => {
    for (const token of ['x', '', 'fifteen-chars!!']) {
      expect(() => new Vendor({ adminToken: token, log: () => {} })).toThrow(/VENDOR_ADMIN_TOKEN.*at least 16.*openssl rand -base64 24/);
    }
    await expect(startVendor({ adminToken: 'short', log: () => {} })).rejects.toThrow(/VENDOR_ADMIN_TOKEN/);
    expect(new Vendor({ adminToken: 'sixteen-chars-ok', log: () => {} }).adminToken).toBe('sixteen-chars-ok');
    expect(new Vendor({ log: () => {} }).adminToken.length).toBeGreaterThanOrEqual(16);
  });

  it('npm start exits with the reason when VENDOR_ADMIN_TOKEN is too short', async () => {
    const { output, exitCode } = await runStart('a');
    expect(exitCode).toBe(2);
    expect(output).toMatch(/Could not start Acme CRM: the admin token \(VENDOR_ADMIN_TOKEN\) is 1 character long; it must be at least 16\. Make one with: openssl rand -base64 24/);
  }, 40_000);

  it('the banner shows a fingerprint, not the token, when the token came from VENDOR_ADMIN_TOKEN; the console link carries no token', async () => {
    const token = 'banner-test-admin-token-0123456789';
    const { output, exitCode, envFile } = await runStart(token);
    expect(exitCode).toBeNull();
    expect(output).not.toContain(token);
    expect(output).toContain(`Admin token    ${fingerprint(token)}`);
    const tenant = /VENDOR_TENANT_ID=(\S+)/.exec(readFileSync(envFile, 'utf8'))![1]!;
    expect(output).toMatch(new RegExp(`Console {8}http://127\\.0\\.0\\.1:\\d+/console#tenant=${tenant}\\n`));
    for (const line of ['Base URL', 'API docs', 'OpenAPI', 'Scenario', 'Your tenant', 'Client id', 'Client secret']) expect(output).toContain(line);
  }, 40_000);
});
