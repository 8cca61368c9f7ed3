import * as z from 'zod';
import { MAX_ACTIVITY_MINUTES, stageActivity } from '#kernel/activity-log';
import { requireIdentity } from '#kernel/authorisation';
import { defineCommand } from '#kernel/command';
import { ForbiddenError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { PsychologistContactEntity } from '../repository/psychologist-contact-entity.ts';
import {
  caseloadEntryWrite,
  readCaseloadEntry,
  readPsychologistContact,
} from '../repository/psychologist-contact-repository.ts';
import { loadOneYouth, youthExists } from '../repository/youth-repository.ts';
import type { PsychologistContact } from './psychologist-contact.ts';
import { RecordPsychologistContactInputSchema } from './psychologist-contact-inputs.ts';
import { requireFollowUpNotBeforeContact } from './psychologist-contact-rules.ts';
import { todayOf } from './youth-command-support.ts';
import { requireInYouthsTime, requireNotInFuture, requireYouthFound } from './youth-rules.ts';

const RememberedContactSchema = z.object({ youthId: z.string(), on: z.string(), id: z.string() });

/**
 * `recordPsychologistContact`: the psychologist of the young person's municipality records a
 * contact with them (the rule admits no one else, so the caller is that psychologist). In the
 * same write the young person's entry on the psychologist's caseload moves to the latest
 * contact day; both hold only while the young person exists (an erasure meanwhile fails it).
 */
export const recordPsychologistContactCommand = defineCommand({
  name: 'recordPsychologistContact',
  input: RecordPsychologistContactInputSchema,
  async execute(context, input, work) {
    const identity = requireIdentity(context);
    if (!('staffId' in identity)) throw new ForbiddenError('Only a psychologist records contacts');
    const youth = requireYouthFound(await loadOneYouth(context.loader, input.youthId));
    requireNotInFuture(input.on, todayOf(context), ['on']);
    requireInYouthsTime(input.on, youth, ['on']);
    requireFollowUpNotBeforeContact(input.followUp?.on, input.on);
    const contact: PsychologistContact = {
      id: newId(context.now().getTime()),
      youthId: youth.id,
      on: input.on,
      kind: input.kind,
      minutes: input.minutes,
      referralMade: input.referralMade,
      followUp: input.followUp,
      psychologistId: identity.staffId,
      recordedAt: context.now().toISOString(),
    };
    const entry = await readCaseloadEntry(context.table, youth.id, identity.staffId);
    const lastContactOn =
      entry && entry.lastContactOn > contact.on ? entry.lastContactOn : contact.on;
    work.create(PsychologistContactEntity, contact);
    // The team's activity log counts the psychologist's minutes in the municipality's resource
    // figures, without the young person: who sees the psychologist is for the psychologist alone.
    stageActivity(work, {
      id: contact.id,
      staffId: identity.staffId,
      municipalityCode: youth.municipalityCode,
      kind: 'PSYCHOLOGIST_SESSION',
      minutes: Math.min(contact.minutes, MAX_ACTIVITY_MINUTES),
      on: contact.on,
      source: 'PSYCHOLOGIST_CONTACT',
      recordedAt: contact.recordedAt,
    });
    work.add(
      caseloadEntryWrite(entry, {
        youthId: youth.id,
        psychologistId: identity.staffId,
        lastContactOn,
      }),
      youthExists(youth.id),
    );
    return contact;
  },
  // The contact's key only: what it says stays in the young person's items.
  remember: (contact) => ({ youthId: contact.youthId, on: contact.on, id: contact.id }),
  async recall(context, remembered) {
    const contact = await readPsychologistContact(
      context.table,
      RememberedContactSchema.parse(remembered),
    );
    return requireYouthFound(contact);
  },
});
