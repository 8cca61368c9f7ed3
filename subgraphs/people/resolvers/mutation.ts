import { payload } from '#kernel/payload';
import {
  addSupportNote,
  assignConsultant,
  changeYouthStatus,
  enrolYouth,
  recordResearchConsent,
  updateYouthProfile,
  withdrawResearchConsent,
} from '../domain/youth-commands.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/** Mutations of the people subgraph: each one use case in `domain/youth-commands.ts`. */
export const Mutation: MutationResolvers = {
  enrolYouth: (_parent, args, context) => payload('youth', () => enrolYouth(context, args.input)),
  updateYouthProfile: (_parent, args, context) =>
    payload('youth', () => updateYouthProfile(context, args.input)),
  changeYouthStatus: (_parent, args, context) =>
    payload('youth', () => changeYouthStatus(context, args.input)),
  assignConsultant: (_parent, args, context) =>
    payload('youth', () => assignConsultant(context, args.input)),
  recordResearchConsent: (_parent, args, context) =>
    payload('youth', () => recordResearchConsent(context, args.input)),
  withdrawResearchConsent: (_parent, args, context) =>
    payload('youth', () => withdrawResearchConsent(context, args.input)),
  addSupportNote: (_parent, args, context) =>
    payload('supportNote', () => addSupportNote(context, args.input)),
};
