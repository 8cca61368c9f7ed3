import { ForbiddenError } from '#kernel/errors';

/** A table of rules: for each field (or mutation) of a type, the audiences allowed. */
export type AudienceRules<Audience extends string, Name extends string = string> = Readonly<
  Record<Name, readonly Audience[]>
>;

/**
 * The audience, when it is one of those allowed; otherwise `FORBIDDEN`.
 *
 * @param audience - the caller's audience, null when the caller may see nothing of the record
 * @param allowed - the audiences the rule allows
 * @param what - what is refused, for the message (never personal data)
 */
export function requireAudience<Audience extends string>(
  audience: Audience | null,
  allowed: readonly Audience[],
  what: string,
): Audience {
  if (audience === null) throw new ForbiddenError(`${what} is not open to you`);
  if (!allowed.includes(audience)) throw new ForbiddenError(`${what} is not open to your role`);
  return audience;
}
