import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm start` is `node scripts/bundle/start-vendor.mjs`: the bundled vendor, rebuilt when stale. */
const START = resolve('scripts/bundle/start-vendor.mjs');
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill()));

function startVendor(cwd: string, args: string[]): Promise<{ baseUrl: string; output: string }> {
  const child = spawn(process.execPath, [START, ...args], { cwd, env: { ...process.env, VENDOR_ADMIN_TOKEN: '' } });
  children.push(child);
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Base URL\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (url && output.includes('Stop with Ctrl+C')) {
        clearTimeout(timer);
        resolvePromise({ baseUrl: url, output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before answering:\n${output}`)));
  });
}

describe('npm start', () => {
  it('serves the vendor from the bundle and writes the tenant credentials to .env in the working folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'start-'));
    const { baseUrl } = await startVendor(cwd, ['--port', '0', '--scenario', 'calm']);
    const metadata = await axios.get(`${baseUrl}/.well-known/oauth-authorization-server`);
    expect(metadata.data.token_endpoint).toBe(`${baseUrl}/oauth/token`);
    const env = readFileSync(join(cwd, '.env'), 'utf8');
    expect(env).toContain(`VENDOR_BASE_URL=${baseUrl}`);
    expect(env).toMatch(/VENDOR_CLIENT_SECRET=acme_sk_/);
    const id = /VENDOR_CLIENT_ID=(\S+)/.exec(env)![1]!;
    const secret = /VENDOR_CLIENT_SECRET=(\S+)/.exec(env)![1]!;
    const token = await axios.post(`${baseUrl}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: id, password: secret } });
    expect(token.data.token_type).toBe('Bearer');

    // The bundle decodes bodies with TextDecoder instead of iconv-lite: same answers for charsets.
    const post = (charset: string, body: Buffer) =>
      axios.post(`${baseUrl}/v1/leads`, body, {
        headers: { authorization: `Bearer ${token.data.access_token}`, 'content-type': `application/json; charset=${charset}` },
        validateStatus: () => true,
      });
    const lead = { email: 'zoë@example.com', source: 'web' };
    const utf16 = await post('utf-16le', Buffer.from(JSON.stringify(lead), 'utf16le'));
    expect(utf16.status, JSON.stringify(utf16.data)).not.toBe(500);
    const unknown = await post('klingon', Buffer.from(JSON.stringify(lead)));
    expect(unknown.status).toBe(415);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  }, 60_000);

  it('prints the console link, and the bundle serves the console with its browser files inside', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'start-'));
    const { baseUrl, output } = await startVendor(cwd, ['--port', '0']);
    const env = readFileSync(join(cwd, '.env'), 'utf8');
    const tenant = /VENDOR_TENANT_ID=(\S+)/.exec(env)![1]!;
    const adminToken = /VENDOR_ADMIN_TOKEN=(\S+)/.exec(env)![1]!;
    expect(output).toContain(`Console        ${baseUrl}/console#tenant=${tenant}&token=${adminToken}`);
    for (const [path, type, marker] of [
      ['/console', 'text/html', '<title>Acme CRM console</title>'],
      ['/console/console.js', 'text/javascript', '/journal/stream'],
      ['/console/console.css', 'text/css', '#status'],
    ] as const) {
      const res = await axios.get(`${baseUrl}${path}`, { responseType: 'text' });
      expect(res.headers['content-type']).toContain(type);
      expect(res.data).toContain(marker);
    }
  }, 60_000);

  it('says what writing .env changed, and when its port is taken names one that is free', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'start-'));
    const first = await startVendor(cwd, ['--port', '0']);
    expect(first.output).toContain('Wrote these to .env');
    const port = Number(new URL(first.baseUrl).port);

    const again = spawnSync(process.execPath, [START, '--port', String(port)], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, VENDOR_ADMIN_TOKEN: '' } });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`Acme CRM is already running at ${first.baseUrl} (the one .env points at`);

    const elsewhere = spawnSync(process.execPath, [START, '--port', String(port)], { cwd: mkdtempSync(join(tmpdir(), 'start-')), encoding: 'utf8', timeout: 30_000 });
    expect(elsewhere.status).toBe(2);
    const free = Number(/npm start -- --port (\d+)/.exec(elsewhere.stderr)?.[1]);
    expect(elsewhere.stderr, 'names a port that works').toContain(`port ${port} on 127.0.0.1 is in use by another program`);
    const named = await startVendor(mkdtempSync(join(tmpdir(), 'start-')), ['--port', String(free)]);
    expect(named.baseUrl).toBe(`http://127.0.0.1:${free}`);

    children.shift()!.kill();
    const moved = await startVendor(cwd, ['--port', '0']);
    expect(moved.output).toContain(`Updated .env, where the labs read them: VENDOR_BASE_URL ${first.baseUrl} -> ${moved.baseUrl}`);
  }, 90_000);

  it('says what was wrong with a bad option, and exits 2', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'start-'));
    const result = spawnSync(process.execPath, [START, '--port', 'http'], { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('port "http" is not a port number');
    const unknown = spawnSync(process.execPath, [START, '--scenario', 'nope', '--port', '0'], { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('nope');
  }, 60_000);
});
