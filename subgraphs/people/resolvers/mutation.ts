import { payload } from '#kernel/payload';
import { eraseYouth } from '../domain/erasure.ts';
import { exportEvaluationDataset } from '../domain/evaluation-export.ts';
import { exportYouthData } from '../domain/subject-access.ts';
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
  exportYouthData: (_parent, args, context) =>
    payload('export', () => exportYouthData(context, args.input)),
  eraseYouth: (_parent, args, context) => payload('erasure', () => eraseYouth(context, args.input)),
  exportEvaluationDataset: (_parent, args, context) =>
    payload('dataset', () => exportEvaluationDataset(context, args.input)),
};
