import { defineDocsVariant } from './docs-variant.ts';

export const complete = defineDocsVariant({
  name: 'complete',
  description: 'Everything the vendor does, as it does it.',
  apply: (document) => document,
});
