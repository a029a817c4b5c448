import { z } from 'zod';
import { named } from '../json-schemas.ts';
import type { OperationSpec } from '../operation.ts';
import { variant } from './shared.ts';

const OpenApiDocumentSchema = named(z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) }), 'OpenApiDocument');

export const metaOperations: OperationSpec[] = [
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Meta',
    summary: 'This API description (OpenAPI 3.1)',
    auth: { kind: 'none' },
    parameters: [variant],
    responses: [{ status: 200, description: 'The OpenAPI 3.1 document.', schema: OpenApiDocumentSchema }],
    errors: ['invalid_query'],
  },
  {
    operationId: 'getDocs',
    method: 'get',
    path: '/docs',
    tag: 'Meta',
    summary: 'This documentation (HTML)',
    auth: { kind: 'none' },
    parameters: [variant],
    responses: [{ status: 200, description: 'A self-contained HTML page.', schema: z.string(), contentType: 'text/html' }],
    errors: ['invalid_query'],
  },
];

/** Every operation of the public API, in the order the docs list them within a tag. */
