import { DomainRuleError } from '#kernel/errors';

/** A user error as the schema returns it: `path` is null when the rule concerns no field. */
export interface PayloadUserError {
  code: string;
  message: string;
  path: string[] | null;
}

/** A mutation payload: the changed object (null when nothing was written) and user errors. */
export type Payload<K extends string, T> = { [P in K]: T | null } & { errors: PayloadUserError[] };

/**
 * Runs a mutation's command and shapes its payload: the changed object and no errors, or null
 * and the broken rule as a user error (the command stops before it writes). Every other error
 * (`FORBIDDEN`, `BAD_USER_INPUT`, `CONFLICT`) stays a GraphQL error.
 *
 * @param field - the payload's field for the changed object
 * @param command - the command
 */
export async function payload<K extends string, T>(
  field: K,
  command: () => Promise<T>,
): Promise<Payload<K, T>> {
  try {
    const value = await command();
    return { [field]: value, errors: [] } as Payload<K, T>;
  } catch (error) {
    if (!(error instanceof DomainRuleError)) throw error;
    const { code, message, path } = error.userError;
    return { [field]: null, errors: [{ code, message, path: path ?? null }] } as Payload<K, T>;
  }
}
