/**
 * `npm start`: Acme CRM on 127.0.0.1:4010 with a ready-made tenant whose credentials go to `.env`,
 * where lab code reads them. Restarting reuses the credentials already in `.env`.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { readEnvFile, writeEnvFile } from './env-file.ts';
import { startVendor } from './server.ts';

const ENV_PATH = resolve(process.cwd(), '.env');

function fail(message: string): never {
  console.error(`\n  Could not start Acme CRM: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}. Run "npm start -- --help" for the options.`);
  }

  if (args.help) {
    console.log(`Usage: npm start -- [--port 4010] [--host 127.0.0.1] [--scenario calm] [--seed N]
Environment: PORT, HOST, VENDOR_ADMIN_TOKEN (default: kept in .env).`);
    process.exit(0);
  }

  const port = Number(args.port ?? process.env['PORT'] ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`port "${args.port ?? process.env['PORT']}" is not a port number; use 0-65535, e.g. --port 4011.`);
  const host = args.host ?? process.env['HOST'] ?? '127.0.0.1';
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed must be a whole number, got "${args.seed}".`);

  const saved = readEnvFile(ENV_PATH);
  const adminToken = process.env['VENDOR_ADMIN_TOKEN'] ?? saved['VENDOR_ADMIN_TOKEN'];
  const started = Date.now();

  let running;
  try {
    running = await startVendor({ host, port, ...(adminToken ? { adminToken } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} on ${host} is already in use (is another "npm start" running?). Stop it, or pick another port: PORT=${port + 1} npm start`);
    if (code === 'EADDRNOTAVAIL') fail(`${host} is not an address of this machine. Use 127.0.0.1.`);
    fail((error as Error).message);
  }

  let tenant;
  try {
    tenant = running.vendor.createTenant({
      name: 'default',
      scenario: args.scenario ?? 'calm',
      ...(seed !== undefined ? { seed } : {}),
      ...(saved['VENDOR_CLIENT_ID'] && saved['VENDOR_CLIENT_SECRET'] ? { clientId: saved['VENDOR_CLIENT_ID'], clientSecret: saved['VENDOR_CLIENT_SECRET'] } : {}),
    });
  } catch (error) {
    await running.close();
    fail((error as Error).message);
  }

  const env = {
    VENDOR_BASE_URL: running.url,
    VENDOR_CLIENT_ID: tenant.tenant.clientId,
    VENDOR_CLIENT_SECRET: tenant.clientSecret,
    VENDOR_ADMIN_TOKEN: running.vendor.adminToken,
    VENDOR_TENANT_ID: tenant.tenant.id,
  };
  writeEnvFile(ENV_PATH, env, 'Written by `npm start` for the local Acme CRM mock. Local test credentials only; never commit this file.');

  console.log(`
  Acme CRM (mock) is running — ready in ${Date.now() - started} ms

  Base URL       ${running.url}
  API docs       ${running.url}/docs
  Console        ${running.url}/console#tenant=${tenant.tenant.id}&token=${env.VENDOR_ADMIN_TOKEN}
  OpenAPI        ${running.url}/openapi.json
  Scenario       ${tenant.tenant.scenario.name} (seed ${tenant.tenant.seed})

  Your tenant    ${tenant.tenant.id}
  Client id      ${env.VENDOR_CLIENT_ID}
  Client secret  ${env.VENDOR_CLIENT_SECRET}
  Admin token    ${env.VENDOR_ADMIN_TOKEN}

  These are saved in .env (VENDOR_BASE_URL, VENDOR_CLIENT_ID, VENDOR_CLIENT_SECRET,
  VENDOR_ADMIN_TOKEN, VENDOR_TENANT_ID), where the labs read them. Next: open labs/ and start with
  labs/01-first-integration/README.md. Stop with Ctrl+C.
`);

  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// No top-level await: the bundle (scripts/bundle/) is CommonJS, so that V8 can cache its compiled code.
main().catch((error: unknown) => fail((error as Error).message));
