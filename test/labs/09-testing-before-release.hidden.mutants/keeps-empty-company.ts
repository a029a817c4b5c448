import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'keeps-empty-company',
  mistake: 'keeps an empty company as "" instead of null',
  hint: 'Map a contact whose company is "" (Acme sends that for "none") and assert that company is null.',
  edits: [{ find: 'company: contact.company || null,', replace: 'company: contact.company ?? null,' }],
});
