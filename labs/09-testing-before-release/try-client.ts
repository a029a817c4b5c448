/**
 * Calls the given client against the vendor started by `npm run lab -- start 09`,
 * so you can watch the failures your tests must reproduce: its log lines on stderr, results on stdout.
 *
 *   npx tsx labs/09-testing-before-release/try-client.ts [--calls 20]
 */
import { parseArgs } from 'node:util';
import { createPlatform } from '../platform/index.ts';
import { labEnv } from '../platform/env.ts';
import { createAcmeClient } from './starter/client.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20' } } });
const env = labEnv();
const { logger } = createPlatform({ echoLogs: true });
const client = createAcmeClient({
  baseUrl: env['VENDOR_BASE_URL'] ?? 'http://127.0.0.1:4010',
  clientId: env['VENDOR_CLIENT_ID'] ?? '',
  clientSecret: env['VENDOR_CLIENT_SECRET'] ?? '',
  logger,
  timeoutMs: 2_000,
});

for (let n = 1; n <= Number(values.calls); n++) {
  const id = `ct_${String(n).padStart(6, '0')}`;
  const started = Date.now();
  const outcome = await client.getContact(id).then(
    (contact) => `${contact?.fullName ?? 'not found'}`,
    (error: Error & { code?: string }) => `${error.name} ${error.code}: ${error.message}`,
  );
  console.log(`getContact(${id}) in ${Date.now() - started} ms: ${outcome}`);
}
const lead = await client.createLead({ email: 'grace.hopper@example.com', name: 'Grace Hopper' }).catch((error: Error) => error.message);
console.log('createLead:', lead);
