import { Router, type Request } from 'express';
import { z } from 'zod';
import { formatIssues } from '../engine/compile-rules.ts';
import type { RuleInput } from '../engine/rule.ts';
import { parseJson, requireJsonBody } from '../http/body-parsers.ts';
import { notFound } from '../http/error-handler.ts';
import { ProblemError } from '../http/problem.ts';
import { streamJournal } from '../journal/stream-journal.ts';
import type { Vendor } from '../vendor.ts';
import {
  AdvanceClockSchema,
  CreateTenantSchema,
  DataQuerySchema,
  DeliveryQuerySchema,
  JournalQuerySchema,
  RotateSecretSchema,
  SetRulesSchema,
  TokenTargetSchema,
  UseScenarioSchema,
} from './admin-schemas.ts';
import { presentCollection } from './present-collection.ts';
import { requireAdmin } from './require-admin.ts';

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ProblemError({ code: 'bad_request', detail: `${where} is not valid: ${formatIssues(result.error)}` });
  return result.data;
}

const body = <T extends z.ZodType>(schema: T, req: Request) => parse(schema, req.body, 'The request body');
const query = (req: Request) => parse(JournalQuerySchema, req.query, 'The journal query');

/** The whole admin API: verb-noun tasks delegating to the `Vendor` facade. */
export function adminRoutes(vendor: Vendor): Router {
  const r = Router();
  r.use(requireAdmin(vendor.adminToken), requireJsonBody, parseJson);
  const tenant = (req: Request) => vendor.tenant(String(req.params['id']));

  r.get('/clock', (_req, res) => { res.json(clockState(vendor)); });
  r.post('/clock/advance', (req, res) => { vendor.clock.advance(body(AdvanceClockSchema, req).seconds * 1000); res.json(clockState(vendor)); });

  r.get('/faults', (_req, res) => { res.json([...vendor.faults.values()].map((f) => ({ name: f.name, channel: f.channel, description: f.description, options: z.toJSONSchema(f.options, { io: 'input', unrepresentable: 'any' }) }))); });
  r.get('/scenarios', (_req, res) => { res.json([...vendor.scenarios.values()].map((s) => ({ name: s.name, description: s.description, seed: s.seed, rules: s.rules.length }))); });
  r.get('/scenarios/:name', (req, res) => { res.json(vendor.scenario(req.params.name)); });

  r.get('/tenants', (_req, res) => { res.json(vendor.tenants().map((t) => t.describe())); });
  r.post('/tenants', (req, res) => {
    const input = body(CreateTenantSchema, req);
    const { tenant: created, clientSecret } = vendor.createTenant({ ...input, rules: input.rules as RuleInput[] | undefined });
    res.status(201).json({ ...created.describe(), clientSecret });
  });
  r.get('/tenants/:id', (req, res) => { res.json(tenant(req).describe()); });
  r.delete('/tenants/:id', (req, res) => { vendor.deleteTenant(req.params.id); res.status(204).end(); });
  r.post('/tenants/:id/reset', (req, res) => { res.json(vendor.resetTenant(req.params.id).describe()); });
  r.put('/tenants/:id/scenario', (req, res) => { const { name, seed } = body(UseScenarioSchema, req); res.json(vendor.useScenario(req.params.id, name, seed).describe()); });
  r.put('/tenants/:id/rules', (req, res) => { const t = tenant(req); t.setExtraRules(body(SetRulesSchema, req).rules as RuleInput[]); res.json(t.describe()); });
  r.post('/tenants/:id/secret/rotate', (req, res) => {
    const { graceSeconds, newSecret } = body(RotateSecretSchema, req);
    const clientSecret = tenant(req).secrets.rotate(vendor.clock.now(), graceSeconds, newSecret);
    res.json({ clientSecret, graceSeconds, secrets: tenant(req).secrets.describe(vendor.clock.now()) });
  });
  r.get('/tenants/:id/tokens', (req, res) => { res.json(vendor.tokens.forTenant(tenant(req).id)); });
  r.post('/tenants/:id/tokens/expire', (req, res) => { res.json({ expired: vendor.expireTokens(req.params.id, body(TokenTargetSchema, req).tokenId) }); });
  r.post('/tenants/:id/tokens/revoke', (req, res) => { res.json({ revoked: vendor.revokeTokens(req.params.id, body(TokenTargetSchema, req).tokenId) }); });

  r.get('/tenants/:id/data/:collection', (req, res) => { res.json(presentCollection(tenant(req).data, req.params.collection, parse(DataQuerySchema, req.query, 'The data query').version)); });

  r.get('/tenants/:id/journal', (req, res) => { res.json(tenant(req).journal.find(query(req))); });
  r.get('/tenants/:id/journal/count', (req, res) => { res.json({ count: tenant(req).journal.count(query(req)) }); });
  r.get('/tenants/:id/journal/unmatched', (req, res) => { res.json(tenant(req).journal.find({ ...query(req), errorCode: 'route_not_found' })); });
  r.get('/tenants/:id/journal/stream', (req, res) => { streamJournal(tenant(req).journal, req, res); });
  r.delete('/tenants/:id/journal', (req, res) => { tenant(req).journal.clear(); res.status(204).end(); });
  r.get('/tenants/:id/webhooks/deliveries', (req, res) => { res.json(vendor.webhooks.deliveries(tenant(req).id, parse(DeliveryQuerySchema, req.query, 'The delivery query'))); });
  r.get('/journal/anonymous', (req, res) => { res.json(vendor.anonymousJournal.find(query(req))); });
  // Vendor-wide data (every client's requests Acme could not tie to a tenant): the admin token only, like all of /__admin.
  r.get('/journal/anonymous/stream', (req, res) => { streamJournal(vendor.anonymousJournal, req, res); });

  r.post('/reset', (_req, res) => { for (const t of vendor.tenants()) vendor.resetTenant(t.id); res.json({ tenants: vendor.tenants().length }); });
  r.use(notFound);
  return r;
}

function clockState(vendor: Vendor) {
  const now = vendor.clock.now();
  return { now: new Date(now).toISOString(), nowMs: now, offsetMs: vendor.clock.offsetMs() };
}
