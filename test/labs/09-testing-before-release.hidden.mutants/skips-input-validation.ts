import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'skips-input-validation',
  mistake: 'sends an invalid lead to Acme',
  hint: 'Call createLead() with an invalid email and assert that it rejects with code "invalid_input" and that no request reached Acme (count them in a handler).',
  edits: [
    {
      find: "if (!parsed.success) throw new AcmeError(`Invalid lead: ${z.prettifyError(parsed.error)}`, { status: null, code: 'invalid_input', requestId: null });",
      replace: "if (!parsed.success) logger.warn({ problems: z.prettifyError(parsed.error) }, 'sending a lead Acme may refuse');",
    },
    { find: 'data: parsed.data,', replace: 'data: input,' },
  ],
});
