import type { Response } from 'express';
import { requireToken } from '../auth/require-token.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/send-json.ts';
import type { Routes } from '../http/route-table.ts';
import { ImportEnvelopeSchema } from '../schemas/job.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { Vendor } from '../vendor.ts';
import { fieldsFrom, insertContact } from './contacts-routes.ts';
import { ImportJob, type ImportRow } from './import-job.ts';
import type { ApiVersion } from './present-contact.ts';
import { validateBody } from './validate-body.ts';
import { ensureRoomForRecords } from './record-cap.ts';

/** Seconds a client should wait between polls of an unfinished job. */
const POLL_SECONDS = '1';

/**
 * Catches a job up with the tenant's time: creates the rows that are due, and announces
 * `import.completed` the one time the job finishes. Polls and the dispatcher's task both call it.
 */
export function catchUp(vendor: Vendor, tenant: Tenant, job: ImportJob): void {
  const data = tenant.data;
  if (data.jobs.get(job.id) !== job) return; // the tenant was reset since
  const importRow: ImportRow = (row, index) => {
    try {
      const contact = insertContact(data.contacts, fieldsFrom(job.version, row, false), tenant.clock.now());
      return { id: contact.id };
    } catch (error) {
      if (error instanceof ProblemError) {
        const errors = (error.extra['errors'] as { field: string; message: string }[] | undefined) ?? [{ field: '(row)', message: error.message }];
        return { errors };
      }
      throw new Error(`Import ${job.id} failed on row ${index}`, { cause: error });
    }
  };
  if (job.advance(tenant.clock.now(), importRow)) {
    vendor.webhooks.emit(tenant, 'import.completed', () => job.present(), job.completedAt ?? tenant.clock.now());
  }
}

/** Bulk contact import (`202` + `Location`) and the job resource to poll. */
export function importsRoutes(routes: Routes, vendor: Vendor, version: ApiVersion): void {
  const tenant = (res: Response) => res.locals.exchange.tenant!;

  routes.post('/imports/contacts', requireToken('imports:write'), (req, res) => {
    const { contacts: rows } = validateBody(ImportEnvelopeSchema, req.body);
    const t = tenant(res);
    ensureRoomForRecords(vendor.limits, t, rows.length);
    const job = t.data.jobs.insert(
      new ImportJob({
        id: t.data.jobs.nextId(),
        version,
        rows,
        recordsPerSecond: t.scenario.settings.importRecordsPerSecond,
        createdAt: t.clock.now(),
      }),
    );
    vendor.webhooks.schedule(t, job.dueAt, () => catchUp(vendor, t, job));
    res.setHeader('Location', `/${version}/jobs/${job.id}`);
    res.setHeader('Retry-After', POLL_SECONDS);
    sendJson(res, 202, { id: job.id, status: 'queued' });
  });

  routes.get('/jobs/:id', requireToken('imports:write'), (req, res) => {
    const id = String(req.params['id']);
    const t = tenant(res);
    const job = t.data.jobs.get(id);
    if (!job) throw new ProblemError({ code: 'not_found', detail: `There is no job "${id}". Jobs are kept until the tenant is reset.` });
    catchUp(vendor, t, job);
    if (job.completedAt === null) res.setHeader('Retry-After', POLL_SECONDS);
    sendJson(res, 200, job.present());
  });

}
