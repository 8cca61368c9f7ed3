import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { SubgraphContext } from './context.ts';
import { staffAsTheyStandNow } from './current-staff.ts';
import { type Identity, isStaffRole } from './identity.ts';
import { sharedKeys } from './shared-keys.ts';

/**
 * The company a contact person belongs to no longer: no record can carry it (an id holds only
 * letters, digits, `-` and `_`), so a caller given it is a party to nothing.
 */
export const NO_COMPANY = '#none';

/**
 * The company a contact person belongs to now, as their own item says (the companies
 * subgraph's, read through the request's loader); undefined once they were removed.
 *
 * @param context - the request
 * @param contactId - the contact person
 */
export async function contactCompanyNow(
  context: Pick<SubgraphContext, 'loader'>,
  contactId: string,
): Promise<string | undefined> {
  const item = await context.loader.load(sharedKeys.contact(contactId));
  return typeof item?.companyId === 'string' ? item.companyId : undefined;
}

/**
 * The caller as their relationship stands now. A token outlives the reason it was issued for:
 * a contact removed from their company keeps a live one for a while. Such a contact becomes a
 * contact of no company ({@link NO_COMPANY}), so every rule answers them as it answers a
 * stranger. A staff member is taken as their standing says (`current-staff.ts`): refused once
 * removed, in their new role once it changed. Other roles are returned as they are, without a
 * read.
 *
 * @param context - the request
 * @param identity - the verified caller
 */
export async function callerAsTheyStandNow(
  context: Pick<SubgraphContext, 'loader'>,
  identity: Identity,
): Promise<Identity> {
  if (isStaffRole(identity.role)) {
    return staffAsTheyStandNow(context, identity as Extract<Identity, { staffId: string }>);
  }
  if (identity.role !== 'COMPANY_CONTACT') return identity;
  const company = await contactCompanyNow(context, identity.contactId);
  return company === identity.companyId ? identity : { ...identity, companyId: NO_COMPANY };
}

/**
 * Puts every operation's caller as they stand now ({@link callerAsTheyStandNow}) before any
 * rule or resolver runs, in every subgraph: one place, so no rule can forget to ask.
 */
export const callerStandingNow: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        const identity = contextValue.identity;
        if (!identity) return;
        try {
          contextValue.identity = await callerAsTheyStandNow(contextValue, identity);
        } catch (error) {
          throw answeredInTheBody(error);
        }
      },
    };
  },
};

/**
 * An error of the standing read as the gateway must see it. Apollo Server answers an error
 * thrown here, before execution, with HTTP 500 unless it names a status, and the gateway takes a
 * 500 for a subgraph that is down (`SUBGRAPH_UNAVAILABLE`): a throttled read would lose its
 * `TEMPORARILY_UNAVAILABLE` and the client its cue to retry. A deliberate error that names no
 * status (throttling, a lost answer) is answered in a 200 body like a resolver's; one that names
 * its own (a removed member's 401) keeps it.
 */
function answeredInTheBody(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.http) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: 200 } },
  });
}
