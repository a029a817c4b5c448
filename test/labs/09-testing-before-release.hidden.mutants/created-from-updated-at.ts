import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'created-from-updated-at',
  mistake: 'maps createdAt from the wrong field',
  hint: 'Give the contact different created_at and updated_at values and compare the whole mapped contact with toEqual, not only its id.',
  edits: [{ find: 'createdAt: new Date(contact.created_at).toISOString()', replace: 'createdAt: new Date(contact.updated_at).toISOString()' }],
});
