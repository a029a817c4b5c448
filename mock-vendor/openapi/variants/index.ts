import { complete } from './complete.ts';
import type { DocsVariant } from './docs-variant.ts';
import { unclear } from './unclear.ts';

/** Editions of the docs, by name. A lab that needs a partial one adds a module here. */
export const docsVariants: ReadonlyMap<string, DocsVariant> = new Map([complete, unclear].map((v) => [v.name, v]));

export const DEFAULT_DOCS_VARIANT = complete.name;
