import { staffViewById } from '../domain/staff-queries.ts';
import type { PsychologistContactResolvers } from '../generated/resolvers-types.ts';

/**
 * `PsychologistContact`: only reachable through `Youth.psychologistContacts` and
 * `Mutation.recordPsychologistContact`, whose rules (the psychologist only) already held; the
 * psychologist is shown as the reader may see them.
 */
export const PsychologistContact: PsychologistContactResolvers = {
  psychologist: (contact, _args, context) => staffViewById(context, contact.psychologistId),
};
