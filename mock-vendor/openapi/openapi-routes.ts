import { Router, type Request } from 'express';
import { ProblemError } from '../http/problem.ts';
import type { Vendor } from '../vendor.ts';
import type { OpenApiDocument } from './openapi-document.ts';
import { renderDocs } from './render-docs.ts';
import { docsVariants as builtInVariants } from './variants/index.ts';
import type { DocsVariant } from './variants/docs-variant.ts';

const MAX_CACHED = 50;

/**
 * `GET /openapi.json` and `GET /docs`. Docs requests carry no credentials, so the edition comes
 * from `?variant=` or else from the vendor's default scenario (`settings.docsVariant`, which is
 * `complete` unless a lab's scenario says otherwise). Never faulted, never rate limited.
 */
export function openapiRoutes(vendor: Vendor, variants: ReadonlyMap<string, DocsVariant> = builtInVariants): Router {
  const router = Router();
  const cache = new Map<string, { document: OpenApiDocument; json: string; html?: string }>();

  async function editionFor(req: Request) {
    const asked = req.query['variant'];
    if (asked !== undefined && typeof asked !== 'string') {
      throw new ProblemError({ code: 'invalid_query', detail: 'Give variant once, e.g. ?variant=complete.' });
    }
    const name = asked || vendor.scenario(vendor.defaultScenario).settings.docsVariant;
    const variant = variants.get(name);
    if (!variant) {
      throw new ProblemError({ code: 'invalid_query', detail: `There is no docs variant "${name}". Known variants: ${[...variants.keys()].join(', ')}.` });
    }
    const baseUrl = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const key = `${variant.name} ${baseUrl}`;
    let edition = cache.get(key);
    if (!edition) {
      // Loaded on the first docs request: the operation registry and its schemas are a good part of
      // the vendor's start-up otherwise, and most runs never ask for the docs.
      const { buildOpenApiDocument } = await import('./build-document.ts');
      const document = variant.apply(structuredClone(buildOpenApiDocument({ baseUrl })));
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, (edition = { document, json: JSON.stringify(document) }));
    }
    return { variant, edition };
  }

  router.get('/openapi.json', async (req, res) => {
    const { edition } = await editionFor(req);
    res.status(200).type('application/json').send(edition.json);
  });

  router.get('/docs', async (req, res) => {
    const { variant, edition } = await editionFor(req);
    edition.html ??= renderDocs(edition.document, variant.name);
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    res.status(200).type('html').send(edition.html);
  });

  return router;
}
