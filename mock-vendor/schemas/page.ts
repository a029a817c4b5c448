import { z } from 'zod';

/** Every list endpoint answers with this envelope. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
    })
    .meta({ id });
}
