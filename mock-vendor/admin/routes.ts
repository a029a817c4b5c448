import { Router, type Request, type Response } from 'express';
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
  TenantListQuerySchema,
  TokenTargetSchema,
  UseScenarioSchema,
} from './admin-schemas.ts';
import { presentCollection } from './present-collection.ts';
import { administers, describeCaller, requireAdminAccess, type AdminCaller } from './admin-access.ts';
import { pageOfTenants } from './tenant-page.ts';

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
  // Who may call what is decided here, once, for every route below (admin-access.ts).
  r.use(requireAdminAccess(vendor), requireJsonBody, parseJson);
  const tenant = (req: Request) => vendor.tenant(String(req.params['id']));
  const caller = (res: Response): AdminCaller => res.locals.adminCaller!;

  // The vendor clock: every tenant's clock is derived from it, so its advances move them all.
  r.get('/clock', (_req, res) => { res.json(clockState(vendor)); });
  r.post('/clock/advance', (req, res) => { vendor.clock.advance(body(AdvanceClockSchema, req).seconds * 1000); res.json(clockState(vendor)); });

  r.get('/faults', (_req, res) => { res.json([...vendor.faults.values()].map((f) => ({ name: f.name, channel: f.channel, description: f.description, options: z.toJSONSchema(f.options, { io: 'input', unrepresentable: 'any' }) }))); });
  r.get('/scenarios', (_req, res) => { res.json([...vendor.scenarios.values()].map((s) => ({ name: s.name, description: s.description, seed: s.seed, rules: s.rules.length }))); });
  r.get('/scenarios/:name', (req, res) => { res.json(vendor.scenario(req.params.name)); });

  r.get('/tenants', (req, res) => {
    const { limit, after } = parse(TenantListQuerySchema, req.query, 'The tenant list query');
    const visible = vendor.tenants().filter((t) => administers(caller(res), t.id, vendor.adminKeys));
    const page = pageOfTenants(visible, limit, after);
    res.json({ data: page.data.map((t) => t.describe()), next: page.next });
  });
  r.post('/tenants', (req, res) => {
    const input = body(CreateTenantSchema, req);
    const by = caller(res);
    const { tenant: created, clientSecret, tenantKey } = vendor.createTenant({ ...input, rules: input.rules as RuleInput[] | undefined }, by.kind === 'grader' ? { createdBy: by.graderId } : {});
    res.status(201).json({ ...created.describe(), clientSecret, tenantKey });
  });
  r.get('/tenants/:id', (req, res) => { res.json(tenant(req).describe()); });
  r.delete('/tenants/:id', (req, res) => { vendor.deleteTenant(req.params.id); res.status(204).end(); });
  r.post('/tenants/:id/key/rotate', (req, res) => { res.json({ tenantKey: vendor.adminKeys.issueTenantKey(tenant(req).id) }); });
  // Reset keeps the tenant's clock offset: time never runs backwards for a client.
  r.post('/tenants/:id/reset', (req, res) => { res.json(vendor.resetTenant(req.params.id).describe()); });
  // The tenant's own time: its advances move its tokens, rate limit, rules, jobs and webhooks, and no other tenant's.
  r.get('/tenants/:id/clock', (req, res) => { res.json(tenant(req).clock.describe()); });
  r.post('/tenants/:id/clock/advance', (req, res) => {
    const t = tenant(req);
    t.clock.advance(body(AdvanceClockSchema, req).seconds * 1000);
    res.json(t.clock.describe());
  });
  r.put('/tenants/:id/scenario', (req, res) => { const { name, seed } = body(UseScenarioSchema, req); res.json(vendor.useScenario(req.params.id, name, seed).describe()); });
  r.put('/tenants/:id/rules', (req, res) => { const t = tenant(req); t.setExtraRules(body(SetRulesSchema, req).rules as RuleInput[]); res.json(t.describe()); });
  r.post('/tenants/:id/secret/rotate', (req, res) => {
    const { graceSeconds, newSecret } = body(RotateSecretSchema, req);
    const clientSecret = tenant(req).secrets.rotate(tenant(req).clock.now(), graceSeconds, newSecret);
    res.json({ clientSecret, graceSeconds, secrets: tenant(req).secrets.describe(tenant(req).clock.now()) });
  });
  r.get('/tenants/:id/tokens', (req, res) => { res.json(vendor.tokens.forTenant(tenant(req).id)); });
  r.post('/tenants/:id/tokens/expire', (req, res) => { res.json({ expired: vendor.expireTokens(req.params.id, body(TokenTargetSchema, req).tokenId) }); });
  r.post('/tenants/:id/tokens/revoke', (req, res) => { res.json({ revoked: vendor.revokeTokens(req.params.id, body(TokenTargetSchema, req).tokenId) }); });

  r.get('/tenants/:id/data/:collection', (req, res) => { res.json(presentCollection(tenant(req).data, req.params.collection, parse(DataQuerySchema, req.query, 'The data query').version)); });

  r.get('/tenants/:id/journal', (req, res) => { res.json(tenant(req).journal.find(query(req))); });
  r.get('/tenants/:id/journal/count', (req, res) => { res.json({ count: tenant(req).journal.count(query(req)) }); });
  // Token requests refused before Acme could tie them to a tenant, that presented a secret this tenant has had (an old one, after rotation).
  r.get('/tenants/:id/journal/refused', (req, res) => {
    const secrets = tenant(req).secrets;
    res.json(vendor.anonymousJournal.find(query(req)).filter((e) => e.clientSecretFingerprint !== null && secrets.everHad(e.clientSecretFingerprint)));
  });
  r.get('/tenants/:id/journal/unmatched', (req, res) => { res.json(tenant(req).journal.find({ ...query(req), errorCode: 'route_not_found' })); });
  r.get('/tenants/:id/journal/stream', (req, res) => {
    const t = tenant(req);
    const by = caller(res);
    // Ends when the tenant is deleted or the key that opened it stops working.
    const signal = by.kind === 'admin' ? vendor.deletionSignal(t) : AbortSignal.any([vendor.deletionSignal(t), by.revoked]);
    streamJournal(t.journal, req, res, { signal, maxStreams: vendor.maxStreamsPerTenant });
  });
  r.delete('/tenants/:id/journal', (req, res) => { tenant(req).journal.clear(); res.status(204).end(); });
  r.get('/tenants/:id/webhooks/deliveries', (req, res) => { res.json(vendor.webhooks.deliveries(tenant(req).id, parse(DeliveryQuerySchema, req.query, 'The delivery query'))); });
  r.get('/journal/anonymous', (req, res) => { res.json(vendor.anonymousJournal.find(query(req))); });
  // Vendor-wide data (every client's requests Acme could not tie to a tenant): the admin token only, like all of /__admin.
  r.get('/journal/anonymous/stream', (req, res) => { streamJournal(vendor.anonymousJournal, req, res, { maxStreams: vendor.maxStreamsPerTenant }); });

  r.get('/me', (_req, res) => {
    const by = caller(res);
    res.json({ kind: by.kind, ...(by.kind === 'tenant' ? { tenantId: by.tenantId } : by.kind === 'grader' ? { gradingKeyId: by.graderId } : {}), may: describeCaller(by) });
  });
  r.post('/grading-keys', (_req, res) => { res.status(201).json(vendor.adminKeys.createGradingKey()); });
  r.delete('/grading-keys/:id', (req, res) => {
    if (!vendor.adminKeys.deleteGradingKey(req.params.id)) throw new ProblemError({ code: 'not_found', detail: `There is no grading key "${req.params.id}". Its id is the "id" POST /__admin/grading-keys answered.` });
    res.status(204).end();
  });

  r.post('/reset', (_req, res) => { for (const t of vendor.tenants()) vendor.resetTenant(t.id); res.json({ tenants: vendor.tenants().length }); });
  r.use(notFound);
  return r;
}

function clockState(vendor: Vendor) {
  const now = vendor.clock.now();
  return { now: new Date(now).toISOString(), nowMs: now, offsetMs: vendor.clock.offsetMs() };
}
