import { HTTP_METHODS, type OpenApiDocument, type OperationObject, type ParameterObject } from '../openapi-document.ts';
import { defineDocsVariant } from './docs-variant.ts';

/** What these docs call the paging parameter (the API reads `cursor`). */
export const DOCUMENTED_PAGE_PARAMETER = 'page_token';

/** Codes through which the complete docs tell how an expired token is refused. */
const EXPIRY_CODES = ['token_expired', 'session_expired'];

/**
 * Lab 03's edition, derived from the complete document the way real docs go wrong: it never says
 * how an expired token is refused and calls the paging parameter `page_token`. (A header the
 * lab's scenario requires is missing from every edition; this one also drops the line admitting
 * that such headers exist.) Each edit names the text it expects, so a change to the guide that
 * would silently undo the edit fails loudly instead.
 */
export const unclear = defineDocsVariant({
  name: 'unclear',
  description: 'Incomplete on purpose (lab 03): silent on how an expired token is refused, and the paging parameter misnamed.',
  apply(document) {
    document.info.description = editGuide(document.info.description);
    for (const operation of operations(document)) {
      operation.parameters = operation.parameters?.map((p) => ('name' in p && p.name === 'cursor' && p.in === 'query' ? misnamedCursor(p) : p));
      for (const response of Object.values(operation.responses)) {
        if (EXPIRY_CODES.some((code) => response.description.includes(`\`${code}\``))) response.description = withoutExpiryCodes(response.description);
      }
    }
    return document;
  },
});

function editGuide(guide: string): string {
  let text = guide;
  const edit = (from: RegExp | string, to: string, what: string) => {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`The "unclear" docs variant found no ${what} in the guide; update mock-vendor/openapi/variants/unclear.ts to match guide.ts.`);
    text = next;
  };
  edit(/ A token can also be revoked before it expires:[^\n]*?a new token is the fix\./, '', 'sentence on how a dead token is refused');
  for (const code of EXPIRY_CODES) edit(new RegExp(`\\n- \`${code}\` \\(\\d{3}\\)`), '', `\`${code}\` in the list of codes`);
  edit(/ A `401` means: get a new token, then retry once\./, '', 'advice on what a 401 means');
  edit(/`cursor` set to the previous page's `next_cursor`/, `\`${DOCUMENTED_PAGE_PARAMETER}\` set to the previous page's \`next_cursor\``, 'paging parameter');
  edit(/, expire tokens early, or require a header this document does not mention/, ', or expire tokens early', 'admission that headers may be missing');
  return text;
}

function misnamedCursor(parameter: ParameterObject): ParameterObject {
  return { ...parameter, name: DOCUMENTED_PAGE_PARAMETER, description: `The previous page's \`next_cursor\`, passed back unchanged as \`${DOCUMENTED_PAGE_PARAMETER}\`. Leave out for the first page.` };
}

function withoutExpiryCodes(description: string): string {
  const codes = [...description.matchAll(/`(\w+)`/g)].map((m) => m[1]!).filter((code) => !EXPIRY_CODES.includes(code));
  return `${codes.map((c) => `\`${c}\``).join(', ')}.`;
}

function operations(document: OpenApiDocument): OperationObject[] {
  return Object.values(document.paths).flatMap((item) => HTTP_METHODS.map((method) => item[method]).filter((op): op is OperationObject => op !== undefined));
}
