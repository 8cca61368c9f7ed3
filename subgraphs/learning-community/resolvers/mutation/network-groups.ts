import { parseInput } from '#kernel/validation';
import {
  addNetworkGroupMembers,
  CreateNetworkGroupInputSchema,
  createNetworkGroup,
  NetworkGroupMembersInputSchema,
  removeNetworkGroupMembers,
  UpdateNetworkGroupInputSchema,
  updateNetworkGroup,
} from '../../domain/network-group-commands.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { withUserErrors } from '../payload.ts';

/** Mutations of network groups and their members. */
export const networkGroupMutations: Pick<
  MutationResolvers,
  | 'createNetworkGroup'
  | 'updateNetworkGroup'
  | 'addNetworkGroupMembers'
  | 'removeNetworkGroupMembers'
> = {
  async createNetworkGroup(_parent, args, context) {
    const input = parseInput(CreateNetworkGroupInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => createNetworkGroup(context, input));
    return { group: value, errors };
  },
  async updateNetworkGroup(_parent, args, context) {
    const input = parseInput(UpdateNetworkGroupInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => updateNetworkGroup(context, input));
    return { group: value, errors };
  },
  async addNetworkGroupMembers(_parent, args, context) {
    const input = parseInput(NetworkGroupMembersInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => addNetworkGroupMembers(context, input));
    return { group: value, errors };
  },
  async removeNetworkGroupMembers(_parent, args, context) {
    const input = parseInput(NetworkGroupMembersInputSchema, args.input);
    const { value, errors } = await withUserErrors(() => removeNetworkGroupMembers(context, input));
    return { group: value, errors };
  },
};
