import { type AudienceRules, audienceAllowed } from './audience.ts';
import { canSeeMunicipalityFigures, isStaffOf } from './authorisation.ts';
import type { SubgraphContext } from './context.ts';
import {
  type AnyFieldRule,
  type FieldRule,
  fieldRule,
  personalWithin,
  type RuleArgs,
} from './field-rules.ts';
import { type Identity, type Role, STAFF_ROLES } from './identity.ts';

/**
 * The rules every subgraph's rule map is written in (`subgraphs/<name>/authorisation-rules.ts`).
 * Each is a small named function over (identity, parent); the name is what a refusal records.
 */

/** Any verified caller: public facts such as a municipality's code and name. */
export const signedIn: FieldRule<unknown> = fieldRule('signedIn', () => true);

/**
 * A field of a value that only its parent hands out (an edge, a connection's page info, a
 * payload, a contact-details object): the parent's field rule already held for this caller, so
 * the field adds no rule of its own. Use it only for types that no root field, reference or
 * other path returns unchecked.
 *
 * @param parent - the field (`Type.field`) whose rule guards this value, for the reader
 */
export function guardedByParent(parent: string): FieldRule<unknown> {
  return fieldRule(`guardedByParent(${parent})`, () => true);
}

/** Callers of one of the roles, anywhere. */
export function anyRole(...roles: readonly Role[]): FieldRule<unknown> {
  return fieldRule(`anyRole(${roles.join(', ')})`, (identity) => roles.includes(identity.role));
}

/** Members of any municipal team (a tenancy check on the input follows in the resolver). */
export const anyStaff: FieldRule<unknown> = fieldRule('anyStaff', (identity) =>
  (STAFF_ROLES as readonly Role[]).includes(identity.role),
);

/**
 * The team of the municipality a parent belongs to.
 *
 * @param municipalityOf - the parent's municipality code
 */
export function staffOfMunicipality<Parent>(
  municipalityOf: (parent: Parent) => string,
): FieldRule<Parent> {
  return fieldRule('staffOfMunicipality', (identity, parent) =>
    isStaffOf(identity, municipalityOf(parent)),
  );
}

/**
 * The young person the parent is about.
 *
 * @param youthIdOf - the parent's young person
 */
export function theYoungPersonThemself<Parent>(
  youthIdOf: (parent: Parent) => string,
): FieldRule<Parent> {
  return fieldRule(
    'theYoungPersonThemself',
    (identity, parent) => identity.role === 'YOUTH' && identity.youthId === youthIdOf(parent),
  );
}

/**
 * Figures about a municipality: its own team, and the programme office for every municipality
 * (counts only: a figure names no one).
 *
 * @param municipalityOf - the parent's municipality code
 */
export function programmeCountsOnly<Parent>(
  municipalityOf: (parent: Parent) => string,
): FieldRule<Parent> {
  return fieldRule('programmeCountsOnly', (identity, parent) =>
    canSeeMunicipalityFigures(identity, municipalityOf(parent)),
  );
}

/**
 * Figures that judge how a municipality runs the programme (the fidelity figures, #21): the
 * programme office for every municipality, and the municipality's own team leader — not the
 * rest of its team, whose work they weigh.
 *
 * @param municipalityOf - the parent's municipality code
 */
export function programmeOrTeamLeader<Parent>(
  municipalityOf: (parent: Parent) => string,
): FieldRule<Parent> {
  return fieldRule(
    'programmeOrTeamLeader',
    (identity, parent) =>
      identity.role === 'PROGRAMME' ||
      (identity.role === 'TEAM_LEADER' && isStaffOf(identity, municipalityOf(parent))),
  );
}

/** The programme office: figures across every municipality, never a person. */
export const programmeOffice: FieldRule<unknown> = fieldRule(
  'programmeOffice',
  (identity) => identity.role === 'PROGRAMME',
);

/** Allowed when any of the rules allows (evaluated in order). */
export function anyOf<Parent>(...rules: ReadonlyArray<FieldRule<Parent>>): FieldRule<Parent> {
  return fieldRule(`anyOf(${rules.map((rule) => rule.name).join(', ')})`, async (...call) => {
    for (const rule of rules) if (await rule.allows(...call)) return true;
    return false;
  });
}

/** The caller's audience for a parent, as a subgraph's access table works it out. */
export type AudienceOf<Audience extends string, Parent> = (
  identity: Identity,
  parent: Parent,
  context: SubgraphContext,
  args: RuleArgs,
) => Audience | null | Promise<Audience | null>;

/**
 * The rule of one entry of an access table (`YOUTH_FIELD_ACCESS.barriers`): allowed when the
 * caller's audience for the parent is one of those listed.
 *
 * @param name - the table entry, e.g. `YOUTH_FIELD_ACCESS.barriers`
 * @param audienceOf - the caller's audience for the parent
 * @param allowed - the audiences the entry allows
 */
export function audienceRule<Audience extends string, Parent>(
  name: string,
  audienceOf: AudienceOf<Audience, Parent>,
  allowed: readonly Audience[],
): FieldRule<Parent> {
  return fieldRule(`audience(${name}: ${allowed.join(', ') || 'nobody'})`, (...call) => {
    const audience = audienceOf(...call);
    return audience instanceof Promise
      ? audience.then((found) => audienceAllowed(found, allowed))
      : audienceAllowed(audience, allowed);
  });
}

/**
 * The rules of a whole access table: one {@link audienceRule} per entry, so that the table
 * stays the one place a type's field access is written.
 *
 * @param tableName - the table's name, e.g. `YOUTH_FIELD_ACCESS`
 * @param table - the table
 * @param audienceOf - the caller's audience for the parent
 */
export function audienceRules<Audience extends string, Parent, Name extends string>(
  tableName: string,
  table: AudienceRules<Audience, Name>,
  audienceOf: AudienceOf<Audience, Parent>,
): Record<Name, FieldRule<Parent>> {
  const rules = {} as Record<Name, FieldRule<Parent>>;
  for (const [field, allowed] of Object.entries(table) as Array<[Name, readonly Audience[]]>) {
    rules[field] = audienceRule(`${tableName}.${field}`, audienceOf, allowed);
  }
  return rules;
}

/**
 * The same rule for every field of a value type that only its parent hands out.
 *
 * @param parent - the field whose rule guards the value
 * @param fields - the value type's fields
 */
export function allGuardedByParent(
  parent: string,
  fields: readonly string[],
): Record<string, AnyFieldRule> {
  const rule = guardedByParent(parent);
  return Object.fromEntries(fields.map((field) => [field, rule]));
}

/**
 * {@link allGuardedByParent} for a value type that holds a young person's personal data (a
 * placement's plan, a note's text): every field is marked personal, audited by its parents'
 * read (`personalWithin`).
 *
 * @param parents - the personal fields (`Type.field`) that hand the value out
 * @param fields - the value type's fields
 */
export function allPersonalWithin(
  parents: readonly string[],
  fields: readonly string[],
): Record<string, AnyFieldRule> {
  const rule = personalWithin(parents, guardedByParent(parents.join(', ')));
  return Object.fromEntries(fields.map((field) => [field, rule]));
}

/** The rules of a Relay connection type (`edges`, `pageInfo`) reached through a guarded field. */
export function connectionRules(parent: string): Record<string, AnyFieldRule> {
  return allGuardedByParent(parent, ['edges', 'pageInfo']);
}

/**
 * The rules of an edge type: the cursor is the parent's; the node is checked by the node
 * type's own field rules.
 */
export function edgeRules(parent: string): Record<string, AnyFieldRule> {
  return allGuardedByParent(parent, ['cursor', 'node']);
}

/** The rules of the shared `PageInfo` and `UserError` types: they carry no data of their own. */
export const SHARED_TYPE_RULES = {
  PageInfo: allGuardedByParent('any connection', ['hasNextPage', 'endCursor']),
  UserError: allGuardedByParent('any mutation payload', ['code', 'message', 'path']),
} as const;

/**
 * Who a record is about, for the audit trail: the young person and the municipality a record
 * names in its own `youthId` and `municipalityCode` (placements, wishes, stories, attendance).
 *
 * @param record - the record a field belongs to
 */
export const subjectOfRecord = (record: { youthId?: string; municipalityCode?: string }) => ({
  youthId: record.youthId,
  municipalityCode: record.municipalityCode,
});
