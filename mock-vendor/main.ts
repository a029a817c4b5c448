/**
 * `npm start`: Acme CRM on 127.0.0.1:4010 with a ready-made tenant whose credentials go to `.env`,
 * where lab code reads them. Restarting reuses the credentials already in `.env`.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { readEnvFile, writeEnvFile } from './env-file.ts';
import { nextFreePort } from './free-port.ts';
import { startVendor } from './server.ts';
import { limitsFromEnv } from './vendor-limits.ts';
import { fingerprint } from './tenants/fingerprint.ts';

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
        lab: { type: 'string' },
        dotenv: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}. Run "npm start -- --help" for the options.`);
  }

  if (args.help) {
    console.log(`Usage: npm start -- [--port 4010] [--host 127.0.0.1] [--scenario calm] [--seed N] [--lab NN-slug (names it in the banner)] [--dotenv .env (where to write the credentials)]
Environment: PORT, HOST, VENDOR_ADMIN_TOKEN (default: kept in .env), ACME_MAX_TENANTS (1000), ACME_MAX_RECORDS_PER_TENANT (20000).`);
    process.exit(0);
  }

  const port = Number(args.port ?? process.env['PORT'] ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`port "${args.port ?? process.env['PORT']}" is not a port number; use 0-65535, e.g. --port 4011.`);
  const host = args.host ?? process.env['HOST'] ?? '127.0.0.1';
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed must be a whole number, got "${args.seed}".`);

  const envPath = resolve(args['dotenv'] ?? '.env');
  const saved = readEnvFile(envPath);
  const adminToken = process.env['VENDOR_ADMIN_TOKEN'] ?? saved['VENDOR_ADMIN_TOKEN'];
  // Whoever set it knows it already; printed, it would land in container logs.
  const adminTokenFromEnvironment = Boolean(process.env['VENDOR_ADMIN_TOKEN']);
  const started = Date.now();

  let running;
  try {
    running = await startVendor({ host, port, ...limitsFromEnv(process.env), ...(adminToken ? { adminToken } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(await portInUse(port, host, saved, args.lab));
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
      ...(saved['VENDOR_TENANT_KEY'] ? { tenantKey: saved['VENDOR_TENANT_KEY'] } : {}),
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
    VENDOR_TENANT_KEY: tenant.tenantKey,
  };
  const envChange = describeEnvChange(saved, env);
  writeEnvFile(envPath, env, 'Written by `npm start` for the local Acme CRM mock. Local test credentials only; never commit this file.');

  console.log(`
  Acme CRM (mock) is running — ready in ${Date.now() - started} ms

  Base URL       ${running.url}
  API docs       ${running.url}/docs
  Console        ${running.url}/console#tenant=${tenant.tenant.id}${adminTokenFromEnvironment ? '' : `&token=${env.VENDOR_ADMIN_TOKEN}`}
  OpenAPI        ${running.url}/openapi.json
  Scenario       ${tenant.tenant.scenario.name} (seed ${tenant.tenant.seed})

  Your tenant    ${tenant.tenant.id}
  Client id      ${env.VENDOR_CLIENT_ID}
  Client secret  ${env.VENDOR_CLIENT_SECRET}
  Admin token    ${adminTokenFromEnvironment ? `${fingerprint(env.VENDOR_ADMIN_TOKEN)} (fingerprint of VENDOR_ADMIN_TOKEN, set in the environment)` : env.VENDOR_ADMIN_TOKEN}
  Tenant key     ${env.VENDOR_TENANT_KEY} (administers this tenant only; give it to the console instead of the admin token)

  ${envChange}
  Next: ${args.lab ? `labs/${args.lab}/README.md` : 'npm run lab -- list, then labs/01-first-integration/README.md'}. Stop with Ctrl+C.
`);

  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Says what writing `.env` changed: lab code reads it, so a new address or secret matters. */
function describeEnvChange(saved: Record<string, string>, next: Record<string, string>): string {
  if (Object.keys(saved).length === 0) return 'Wrote these to .env (VENDOR_BASE_URL, VENDOR_CLIENT_ID, VENDOR_CLIENT_SECRET, VENDOR_ADMIN_TOKEN,\n  VENDOR_TENANT_ID), where the labs read them.';
  const changed = Object.keys(next).filter((key) => saved[key] !== next[key]);
  if (changed.length === 0) return '.env already held these (unchanged), where the labs read them.';
  const shown = changed.map((key) => (key === 'VENDOR_BASE_URL' && saved[key] ? `${key} ${saved[key]} -> ${next[key]}` : `${key} (new value)`));
  return `Updated .env, where the labs read them: ${shown.join(', ')}.`;
}

/** Port taken: by this project's own vendor (say so), or by something else (name a free port). */
async function portInUse(port: number, host: string, saved: Record<string, string>, lab: string | undefined): Promise<string> {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const ours = saved['VENDOR_BASE_URL'] === url && (await fetch(`${url}/__admin/tenants/${saved['VENDOR_TENANT_ID']}`, { headers: { Authorization: `Bearer ${saved['VENDOR_ADMIN_TOKEN']}` }, signal: AbortSignal.timeout(1_500) }).then((r) => r.ok, () => false));
  const free = await nextFreePort(port, host);
  const command = (p: number) => (lab ? `npm run lab -- start ${lab.slice(0, 2)} --port ${p}` : `npm start -- --port ${p}`);
  if (ours) {
    return `Acme CRM is already running at ${url} (the one .env points at, probably in another terminal). Use it as it is${lab ? `, or switch it to this lab with: npm run lab -- start ${lab.slice(0, 2)}` : ''}; or stop it with Ctrl+C in its terminal.`;
  }
  return `port ${port} on ${host} is in use by another program.${free ? ` Start on a free port instead: ${command(free)}` : ' Free it, or pick another port with --port.'}`;
}

// No top-level await: the bundle (scripts/bundle/) is CommonJS, so that V8 can cache its compiled code.
main().catch((error: unknown) => fail((error as Error).message));
