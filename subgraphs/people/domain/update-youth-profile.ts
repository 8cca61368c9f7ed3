import { defineCommand } from '#kernel/command';
import { YouthEntity } from '../repository/youth-entity.ts';
import { historyAfterChange } from './benefit-history.ts';
import { protectCpr } from './cpr.ts';
import type { Youth } from './youth.ts';
import {
  answersWithYouth,
  todayOf,
  viewForCaller,
  youthToChange,
} from './youth-command-support.ts';
import {
  PROFILE_FIELDS,
  requireAgeInProgramme,
  type UpdateYouthProfileInput,
  UpdateYouthProfileInputSchema,
} from './youth-inputs.ts';
import { requireNotExited } from './youth-rules.ts';

/** The profile attributes an update sets: the fields given (null and absent mean "not given"). */
function profileChangesOf(input: UpdateYouthProfileInput): Partial<Youth> {
  const changes: Partial<Youth> = {};
  for (const field of PROFILE_FIELDS) {
    const value = input[field];
    if (value !== null && value !== undefined) Object.assign(changes, { [field]: value });
  }
  return changes;
}

/**
 * `updateYouthProfile`: changes fields of a profile at the version the client read. The young
 * person may change their own contact details and wishes; the rest is the team's
 * (`YOUTH_PROFILE_WRITE_ACCESS`, enforced by the mutation's rule). Only the attributes given
 * change: the encrypted CPR number and the status timeline stay as stored. A new benefit
 * category adds a dated period to the benefit history (`benefit-history.ts`); the covariates at
 * enrolment never change.
 */
export const updateYouthProfileCommand = defineCommand({
  name: 'updateYouthProfile',
  input: UpdateYouthProfileInputSchema,
  async execute(context, input, work) {
    if (input.dateOfBirth) requireAgeInProgramme(input.dateOfBirth, todayOf(context));
    const youth = await youthToChange(context, input.youthId, input.expectedVersion);
    requireNotExited(youth);
    const changes = profileChangesOf(input);
    if (input.benefitCategory) {
      // The history dates every change (issue #21); the category at enrolment stays as kept.
      const from = input.benefitCategoryFrom ?? todayOf(context);
      const history = historyAfterChange(youth, input.benefitCategory, from, todayOf(context));
      if (input.benefitCategory !== youth.benefitCategory) changes.benefitHistory = history;
    }
    const cpr = input.cpr
      ? await protectCpr(
          context.services.cipher(),
          youth.id,
          input.cpr,
          input.dateOfBirth ?? youth.dateOfBirth,
        )
      : undefined;
    const after = cpr
      ? work.change(
          YouthEntity,
          youth,
          { ...changes, cprMasked: cpr.cprMasked },
          { cprCiphertext: cpr.cprCiphertext },
        )
      : work.change(YouthEntity, youth, changes);
    return viewForCaller(context, after);
  },
  ...answersWithYouth,
});
