import { FieldError } from './field-error.ts';

const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');
const isParticle = (word: string) => word === word.toLowerCase() && word !== word.toUpperCase();

/** "Hopper, Grace" and "Grace Hopper" → Grace / Hopper; "Ludwig van Beethoven" → Ludwig / van Beethoven. */
export function splitName(fullName: string | null): { firstName: string; lastName: string | null } {
  const text = tidy(fullName ?? '');
  if (text === '') throw new FieldError('missing_value', `full_name is ${JSON.stringify(fullName)}; it is required`);
  const comma = text.indexOf(',');
  if (comma > 0) return { firstName: tidy(text.slice(comma + 1)), lastName: tidy(text.slice(0, comma)) };
  const words = text.split(' ');
  if (words.length === 1) return { firstName: text, lastName: null };
  let start = words.length - 1;
  while (start > 1 && isParticle(words[start - 1]!)) start--;
  return { firstName: words.slice(0, start).join(' '), lastName: words.slice(start).join(' ') };
}
