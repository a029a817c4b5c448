import type { OpenApiDocument } from '../openapi-document.ts';

/**
 * One edition of the documentation. `apply` gets its own deep copy of the complete document and
 * returns what `/openapi.json` and `/docs` serve: the whole truth, or (for a lab about unclear
 * docs) a deliberately partial one. A scenario picks one by name in `settings.docsVariant`.
 */
export interface DocsVariant {
  name: string;
  description: string;
  apply(document: OpenApiDocument): OpenApiDocument;
}

export function defineDocsVariant(variant: DocsVariant): DocsVariant {
  return variant;
}
