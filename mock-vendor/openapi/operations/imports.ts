import { ImportAcceptedSchema, ImportContactsV1Schema, ImportContactsV2Schema, JobSchema, MAX_IMPORT_ROWS } from '../../schemas/job.ts';
import { eachVersion, type OperationSpec } from '../operation.ts';
import { jobId } from './shared.ts';

export const importOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `importContacts${suffix}`,
    method: 'post',
    path: `/${version}/imports/contacts`,
    version,
    tag: 'Imports',
    summary: `Import contacts in bulk (${version})`,
    description: `Up to ${MAX_IMPORT_ROWS.toLocaleString('en')} contacts, in the ${version} create shape. The answer comes at once (\`202\`); the rows are created in the background. Poll the job at \`Location\`, waiting \`Retry-After\` seconds between polls, or subscribe to \`import.completed\`.`,
    auth: { kind: 'bearer', scope: 'imports:write' },
    requestBody: { schema: version === 'v1' ? ImportContactsV1Schema : ImportContactsV2Schema, contentType: 'application/json' },
    responses: [{ status: 202, description: 'Accepted: the job is queued.', schema: ImportAcceptedSchema, headers: ['Location', 'Retry-After'] }],
    errors: ['validation_failed'],
  },
  {
    operationId: `getJob${suffix}`,
    method: 'get',
    path: `/${version}/jobs/{id}`,
    version,
    tag: 'Imports',
    summary: `Get an import job (${version})`,
    description: 'While the job runs, the answer carries `Retry-After`; `completed_at` is set once it is done.',
    auth: { kind: 'bearer', scope: 'imports:write' },
    parameters: [jobId],
    responses: [{ status: 200, description: 'The job and its progress so far.', schema: JobSchema, headers: ['Retry-After'] }],
    errors: ['not_found'],
  },
]);
