/**
 * Server (a): Acme CRM as the labs run it — journal on, fault engine on, real OAuth token — with
 * only the rate limit lifted so a benchmark never meets a 429.
 */
import { calm } from '../../mock-vendor/scenarios/calm.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { startVendor } from '../../mock-vendor/server.ts';
import { announce, serveCommands } from './protocol.ts';

export const BENCH_SCENARIO = 'bench-calm';

/**
 * `calm` (no faults, same seed and settings) except: a rate limit no benchmark reaches, and one
 * scenario rule that the engine has to test on every request but that never matches
 * `GET /v1/contacts` (method matches, path does not).
 */
const benchCalm = defineScenario({
  name: BENCH_SCENARIO,
  description: 'calm with the rate limit lifted (1e9 per second) and a rule that only matches GET /v1/deals/**. Bench only.',
  seed: calm.seed,
  settings: { ...calm.settings, rateLimit: { limit: 1_000_000_000, windowSeconds: 1 } },
  rules: [...calm.rules, { id: 'bench-deals-only', match: { method: 'GET', path: '/v1/deals/**' }, fault: 'status', options: { status: 503 } }],
});

/**
 * An admin rule (PUT /__admin/tenants/:id/rules) that gets further than the scenario rule: method
 * and path match GET /v1/contacts, then the header test fails because nobody sends that header.
 */
const ADMIN_RULE = {
  id: 'bench-admin-never',
  match: { method: 'GET', path: '/v1/contacts', headers: { 'x-bench-never-sent': '*' } },
  fault: 'status',
  options: { status: 500 },
};

const port = Number(process.env['BENCH_PORT'] ?? 0);
const adminToken = `bench-admin-${process.pid}-${Date.now()}`;
const running = await startVendor({ port, adminToken, scenarios: [benchCalm], log: (m) => console.error(m) });
const { tenant, clientSecret } = running.vendor.createTenant({ name: 'bench', scenario: BENCH_SCENARIO });

async function call(path: string, init: RequestInit): Promise<Response> {
  const res = await fetch(`${running.url}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${await res.text()}`);
  return res;
}

await call(`/__admin/tenants/${tenant.id}/rules`, {
  method: 'PUT',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({ rules: [ADMIN_RULE] }),
});
const tokenResponse = await call('/oauth/token', {
  method: 'POST',
  headers: {
    authorization: `Basic ${Buffer.from(`${tenant.clientId}:${clientSecret}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: 'grant_type=client_credentials&scope=contacts:read',
});
const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

serveCommands(() => ({
  journalSize: tenant.journal.size,
  journalCapacity: tenant.journal.capacity,
  journalDropped: tenant.journal.dropped,
  rules: tenant.runner.rules.length,
}));
announce({ name: 'vendor', url: running.url, token, tenantId: tenant.id, rules: tenant.runner.rules.map((r) => r.id) });
