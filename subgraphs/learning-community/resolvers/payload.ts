import { DomainRuleError } from '#kernel/errors';

/** A user error as the payloads' `UserError` type shows it. */
export interface PayloadError {
  code: string;
  message: string;
  path: string[] | null;
}

/**
 * Runs a mutation's domain call and turns a broken rule into the payload's `errors`, with the
 * changed object null; any other error (forbidden, conflict, malformed input) propagates as a
 * GraphQL error. The domain throws before writing, so an error means nothing was written.
 *
 * @param run - the domain call
 */
export async function withUserErrors<T>(
  run: () => Promise<T>,
): Promise<{ value: T | null; errors: PayloadError[] }> {
  try {
    return { value: await run(), errors: [] };
  } catch (error) {
    if (!(error instanceof DomainRuleError)) throw error;
    const { code, message, path } = error.userError;
    return { value: null, errors: [{ code, message, path: path ?? null }] };
  }
}
