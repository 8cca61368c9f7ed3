import * as z from 'zod';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/** Where an invitation stands as stored; `EXPIRED` is derived from the due time. */
export const STORED_INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;

/** Where an invitation stands as shown. */
export type InvitationStatus = (typeof STORED_INVITATION_STATUSES)[number] | 'EXPIRED';

/** Days a young person has to answer unless the company says otherwise. */
export const DEFAULT_ANSWER_DAYS = 14;

/** A company's invitation of a young person to a placement. */
export const InvitationSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  youthId: z.string(),
  companyId: z.string(),
  opportunityId: z.string().nullable(),
  message: z.string(),
  status: z.enum(STORED_INVITATION_STATUSES),
  /** The instant after which it can no longer be answered (ISO 8601). */
  answerBy: z.string(),
  answeredAt: z.string().nullable(),
  placementId: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int().nonnegative(),
  /**
   * The young person's wish this invitation answers (`respondToWish`); absent for an invitation
   * the company sent of its own accord (and on invitations stored before wishes were answered).
   */
  wishId: z.string().nullish(),
});

/** A company's invitation of a young person. */
export type Invitation = z.infer<typeof InvitationSchema>;

/**
 * The status an invitation shows: a pending invitation whose answer is overdue is `EXPIRED`
 * and can no longer be answered, whether or not anything has been written since.
 *
 * @param invitation - the invitation
 * @param now - the current instant
 */
export function invitationStatus(invitation: Invitation, now: Date): InvitationStatus {
  if (invitation.status === 'PENDING' && now.toISOString() > invitation.answerBy) return 'EXPIRED';
  return invitation.status;
}

/** The input of a new invitation, as validated at the edge. */
export const InviteYouthInputSchema = z.object({
  youthId: EntityIdSchema,
  companyId: EntityIdSchema.nullish(),
  opportunityId: EntityIdSchema.nullish(),
  message: textSchema(),
  answerWithinDays: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(60, 'must be at most 60')
    .nullish()
    .transform((days) => days ?? DEFAULT_ANSWER_DAYS),
});

/** The input of a new invitation. */
export type InviteYouthInput = z.infer<typeof InviteYouthInputSchema>;

/** A young person's answer, at the invitation's version they read. */
export const AnswerInvitationInputSchema = z.object({
  invitationId: EntityIdSchema,
  accept: z.boolean(),
  expectedVersion: ExpectedVersionSchema,
});

/** The input of an invitation withdrawn, at the version the client read. */
export const WithdrawInvitationInputSchema = z.object({
  invitationId: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
});
