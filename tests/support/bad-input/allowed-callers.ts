import { companiesRules } from '#companies/authorisation-rules';
import type { SubgraphRules } from '#kernel/field-rules';
import { ROLES, type Role } from '#kernel/identity';
import { learningCommunityRules } from '#learning-community/authorisation-rules';
import { peopleRules } from '#people/authorisation-rules';
import { placementsRules } from '#placements/authorisation-rules';

const RULES: readonly SubgraphRules[] = [
  peopleRules,
  companiesRules,
  placementsRules,
  learningCommunityRules,
];

/**
 * The role that holds each audience the mutation rules name (`audience(…: TEAM, SELF)`): the
 * caller's relation to the record, which the record chosen for the input then satisfies.
 */
const ROLE_OF_AUDIENCE: Readonly<Record<string, Role>> = {
  TEAM: 'NETWORK_CONSULTANT',
  PSYCHOLOGIST: 'PSYCHOLOGIST',
  SELF: 'YOUTH',
  COMPANY: 'COMPANY_CONTACT',
  OWN_CONTACT: 'COMPANY_CONTACT',
  LINKED_COMPANY: 'COMPANY_CONTACT',
  DATA_PROTECTION_OFFICER: 'DATA_PROTECTION_OFFICER',
};

/** The rule of one mutation, by name, from whichever subgraph owns it. */
function ruleNameOf(mutation: string): string | undefined {
  for (const rules of RULES) {
    const rule = rules.types.Mutation?.[mutation];
    if (rule) return rule.name;
  }
  return undefined;
}

/**
 * A role the mutation's authorisation rule lets in (the first it names), so that a test of its
 * input handling is not answered by the rule instead. Read from the rules the subgraphs enforce
 * — their names say whom they allow: `audience(X: TEAM, SELF)`, `anyRole(PROGRAMME, …)`,
 * `programmeOffice`.
 *
 * @param mutation - the mutation's name
 * @throws Error when no rule names the mutation or its rule's form is unknown: a new form of
 *   rule needs its role here, rather than a test that silently runs as someone refused
 */
export function allowedRole(mutation: string): Role {
  const name = ruleNameOf(mutation);
  if (name === undefined) throw new Error(`No authorisation rule names Mutation.${mutation}`);
  if (name === 'programmeOffice') return 'PROGRAMME';
  const listed = /^(?:audience\([^:]*:|anyRole\()\s*([A-Z_]+)/.exec(name)?.[1];
  const role = listed && (ROLE_OF_AUDIENCE[listed] ?? ROLES.find((r) => r === listed));
  if (!role) throw new Error(`No role is known for the rule of Mutation.${mutation}: ${name}`);
  return role;
}
