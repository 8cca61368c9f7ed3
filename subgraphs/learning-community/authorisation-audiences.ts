import { audienceAllowed } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { type FieldRule, fieldRule, type RuleArgs } from '#kernel/field-rules';
import { type Identity, isStaffRole, ROLES, type Role } from '#kernel/identity';
import { EntityIdSchema } from '#kernel/validation';
import { isTiedNow } from '#kernel/youth-company-link';
import { type GroupAudience, groupAudience } from './domain/group-access.ts';
import type { NetworkGroup } from './domain/network-group.ts';
import type { NetworkSession } from './domain/network-session.ts';
import { companyAudience, type YouthAudience, youthAudience } from './domain/participant-access.ts';
import { municipalityOfCompany, municipalityOfYouth } from './domain/participant-queries.ts';
import type { CompanyRef, YouthRef } from './domain/references.ts';
import {
  type SessionAudience,
  sessionAudience,
  sessionAudienceNeedsGroup,
} from './domain/session-access.ts';
import type { Suggestion } from './domain/suggestion.ts';
import { type SuggestionAudience, suggestionAudience } from './domain/suggestion-access.ts';
import type { WorkStory } from './domain/work-story.ts';
import {
  type StoryAudience,
  storyAudience,
  storyAudienceNeedsGroup,
  storyAudienceNeedsLink,
} from './domain/work-story-access.ts';
import { loadGroup } from './repository/network-group-repository.ts';
import { loadSession } from './repository/network-session-repository.ts';
import { loadSuggestion } from './repository/suggestion-repository.ts';
import { loadStory } from './repository/work-story-repository.ts';

/**
 * The caller's audience for each record of the learning community, as its rules
 * (`authorisation-rules.ts`) need it: worked out by the pure functions of `domain/*-access.ts`
 * from the record and what it names, loaded through the request's loader (so a rule's read is
 * the resolver's too, in the same batch).
 */

/** The caller's audience for a group. */
export const groupAudienceOf = (identity: Identity, group: NetworkGroup) =>
  groupAudience(identity, group);

/** The caller's audience for a session; its group is loaded only when the audience needs it. */
export async function sessionAudienceOf(
  identity: Identity,
  session: NetworkSession,
  context: SubgraphContext,
) {
  const group = sessionAudienceNeedsGroup(identity, session)
    ? await loadGroup(context.loader, session.groupId)
    : undefined;
  return sessionAudience(identity, session, group);
}

/**
 * The caller's audience for a story; the group it is shared with, and the youth–company link of
 * the company it is shared with, are read only if needed.
 */
export async function storyAudienceOf(
  identity: Identity,
  story: WorkStory,
  context: SubgraphContext,
) {
  const [group, companyTiedNow] = await Promise.all([
    storyAudienceNeedsGroup(identity, story) && story.sharedWithGroupId
      ? loadGroup(context.loader, story.sharedWithGroupId)
      : undefined,
    storyAudienceNeedsLink(identity, story) && story.sharedWithCompanyId
      ? isTiedNow(context, story.youthId, story.sharedWithCompanyId)
      : false,
  ]);
  return storyAudience(identity, story, group, companyTiedNow);
}

/** The caller's audience for a young person; their municipality is loaded for the team only. */
export async function youthAudienceOf(
  identity: Identity,
  youth: YouthRef,
  context: SubgraphContext,
) {
  const municipalityCode = isStaffRole(identity.role)
    ? await municipalityOfYouth(context, youth)
    : youth.municipalityCode;
  return youthAudience(identity, youth.id, municipalityCode);
}

/** The caller's audience for a company; its municipality is loaded for its contacts and teams. */
export async function companyAudienceOf(
  identity: Identity,
  company: CompanyRef,
  context: SubgraphContext,
) {
  const mayHaveOne = identity.role === 'COMPANY_CONTACT' || isStaffRole(identity.role);
  const municipalityCode = mayHaveOne
    ? await municipalityOfCompany(context, company)
    : company.municipalityCode;
  return companyAudience(identity, company.id, municipalityCode);
}

/** What a rule finds of the record its field names: nothing, or the caller's audience for it. */
type Found<Audience> = { exists: false } | { exists: true; audience: Audience | null };

/** A record a root field or a mutation names by id in its arguments. */
export interface NamedRecord<Audience extends string> {
  /** The id in the arguments; undefined when absent or malformed (the resolver refuses it). */
  idIn(args: RuleArgs): string | undefined;
  /** Whether the record exists and, if so, the caller's audience for it. */
  find(identity: Identity, id: string, context: SubgraphContext): Promise<Found<Audience>>;
}

/**
 * The id a field names: `input.<field>` of a mutation, or the root field's own argument.
 *
 * @param field - the argument or input field
 * @param from - where it is
 */
function idNamedBy(
  field: string,
  from: 'input' | 'argument',
): (args: RuleArgs) => string | undefined {
  return (args) => {
    const holder = from === 'input' ? (args.input as Record<string, unknown> | undefined) : args;
    const parsed = EntityIdSchema.safeParse(holder?.[field]);
    return parsed.success ? parsed.data : undefined;
  };
}

function found<Audience>(audience: Audience | null): Found<Audience> {
  return { exists: true, audience };
}

const MISSING = { exists: false } as const;

/** A group named by id. */
export function groupNamedBy(
  field: string,
  from: 'input' | 'argument' = 'input',
): NamedRecord<GroupAudience> {
  return {
    idIn: idNamedBy(field, from),
    async find(identity, id, context) {
      const group = await loadGroup(context.loader, id);
      return group ? found(groupAudience(identity, group)) : MISSING;
    },
  };
}

/**
 * A session named by id. Its audience is told with its group loaded (except for its team), so
 * that a member of the group is `MEMBER` whether or not they are on its attendance list.
 */
export function sessionNamedBy(
  field: string,
  from: 'input' | 'argument' = 'input',
): NamedRecord<SessionAudience> {
  return {
    idIn: idNamedBy(field, from),
    async find(identity, id, context) {
      const session = await loadSession(context.loader, id);
      if (!session) return MISSING;
      const group = isStaffOf(identity, session.municipalityCode)
        ? undefined
        : await loadGroup(context.loader, session.groupId);
      return found(sessionAudience(identity, session, group));
    },
  };
}

/** A work story named by id. */
export function storyNamedBy(
  field: string,
  from: 'input' | 'argument' = 'input',
): NamedRecord<StoryAudience> {
  return {
    idIn: idNamedBy(field, from),
    async find(identity, id, context) {
      const story = await loadStory(context.loader, id);
      return story ? found(await storyAudienceOf(identity, story, context)) : MISSING;
    },
  };
}

/** A suggestion named by id. */
export function suggestionNamedBy(
  field: string,
  from: 'input' | 'argument' = 'input',
): NamedRecord<SuggestionAudience> {
  return {
    idIn: idNamedBy(field, from),
    async find(identity, id, context) {
      const suggestion = await loadSuggestion(context.loader, id);
      return suggestion ? found(suggestionAudience(identity, suggestion)) : MISSING;
    },
  };
}

/** The caller's audience for a suggestion. */
export const suggestionAudienceOf = (identity: Identity, suggestion: Suggestion) =>
  suggestionAudience(identity, suggestion);

/**
 * A young person named by id. A young person asks about themself without a read; for the team
 * a young person who does not exist is `MISSING`, for the command to answer.
 */
export function youthNamedBy(field: string): NamedRecord<YouthAudience> {
  return {
    idIn: idNamedBy(field, 'input'),
    async find(identity, id, context) {
      if (!isStaffRole(identity.role)) return found(youthAudience(identity, id, undefined));
      const municipalityCode = await municipalityOfYouth(context, { id });
      return municipalityCode ? found(youthAudience(identity, id, municipalityCode)) : MISSING;
    },
  };
}

/**
 * A rule over the record a field names by id: the roles not listed are refused before they
 * learn whether the record exists; an id that is malformed or names nothing is let through for
 * the field to answer; otherwise the caller's audience for the record decides.
 */
function ruleOnNamedRecord<Audience extends string>(
  name: string,
  roles: readonly Role[],
  record: NamedRecord<Audience>,
  allowed: readonly Audience[],
): FieldRule<unknown> {
  const ruleName = `audience(${name}: ${allowed.join(', ')})`;
  return fieldRule(ruleName, async (identity, _parent, context, args) => {
    if (!roles.includes(identity.role)) return false;
    const id = record.idIn(args);
    if (!id) return true;
    const result = await record.find(identity, id, context);
    return !result.exists || audienceAllowed(result.audience, allowed);
  });
}

/**
 * The rule of a mutation on an existing record: a role that could never run it is refused
 * before it learns whether the record exists; an id that is malformed or names nothing is let
 * through for the command to answer (`BAD_USER_INPUT`, `NOT_FOUND` or its rule error);
 * otherwise the caller's audience for the record decides.
 *
 * @param name - the access table's entry, e.g. `NETWORK_GROUP_MUTATION_ACCESS.updateNetworkGroup`
 * @param roles - the roles that may ever run the mutation
 * @param record - the record the input names
 * @param allowed - the audiences the entry allows
 */
export function mutationOnRecord<Audience extends string>(
  name: string,
  roles: readonly Role[],
  record: NamedRecord<Audience>,
  allowed: readonly Audience[],
): FieldRule<unknown> {
  return ruleOnNamedRecord(name, roles, record, allowed);
}

/**
 * The rule of a root field that finds one record by id: a record that does not exist is let
 * through (the field answers null); otherwise the caller's audience for it decides.
 *
 * @param name - the access table's entry
 * @param record - the record the argument names
 * @param allowed - the audiences the entry allows
 */
export function queryOfRecord<Audience extends string>(
  name: string,
  record: NamedRecord<Audience>,
  allowed: readonly Audience[],
): FieldRule<unknown> {
  return ruleOnNamedRecord(name, ROLES, record, allowed);
}
