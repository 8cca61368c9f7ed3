import * as z from 'zod';
import { PageSizeSchema, parseInput } from '#kernel/validation';
import type { PageRequest } from '../repository/paging.ts';

const PageArgsSchema = z.object({
  first: PageSizeSchema,
  after: z.string().max(2000).nullish(),
});

/**
 * A list's `first` and `after` arguments checked: 1 to 100 items (default 20); a malformed
 * value is `BAD_USER_INPUT`.
 */
export function parsePage(args: { first?: number | null; after?: string | null }): PageRequest {
  return parseInput(PageArgsSchema, { first: args.first ?? undefined, after: args.after });
}
