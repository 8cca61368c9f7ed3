import { ForbiddenError } from './errors.ts';

/**
 * A table of access rules: for each field (or mutation) of a type, the audiences allowed. An
 * audience is the capacity in which a caller looks at a record (`TEAM`, `SELF`, …), worked out
 * once per record by the subgraph that owns it.
 */
export type AudienceRules<Audience extends string, Name extends string = string> = Readonly<
  Record<Name, readonly Audience[]>
>;

/** The messages of a refusal; `what` names what was refused (never personal data). */
export interface RefusalMessages {
  /** When the caller has no audience for the record at all. */
  none: (what: string) => string;
  /** When the caller's audience is not among those allowed. */
  role: (what: string) => string;
}

const DEFAULT_MESSAGES: RefusalMessages = {
  none: (what) => `${what} is not open to you`,
  role: (what) => `${what} is not open to your role`,
};

/**
 * The audience, when it is one of those allowed; otherwise `FORBIDDEN`.
 *
 * @param audience - the caller's audience, null when the caller may see nothing of the record
 * @param allowed - the audiences the rule allows
 * @param what - what is refused, for the message (never personal data)
 * @param messages - the wording of the two refusals
 */
export function requireAudience<Audience extends string>(
  audience: Audience | null,
  allowed: readonly Audience[],
  what: string,
  messages: RefusalMessages = DEFAULT_MESSAGES,
): Audience {
  if (audience === null) throw new ForbiddenError(messages.none(what));
  if (!allowed.includes(audience)) throw new ForbiddenError(messages.role(what));
  return audience;
}

/** Whether an audience is one of those allowed (null, no audience, never is). */
export function audienceAllowed<Audience extends string>(
  audience: Audience | null,
  allowed: readonly Audience[],
): boolean {
  return audience !== null && allowed.includes(audience);
}
