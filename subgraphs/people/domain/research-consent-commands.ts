import { defineCommand } from '#kernel/command';
import { YouthEntity } from '../repository/youth-entity.ts';
import { giveConsent, withdrawConsent } from './research-consent.ts';
import {
  answersWithYouth,
  todayOf,
  viewForCaller,
  youthToChange,
} from './youth-command-support.ts';
import { ResearchConsentInputSchema } from './youth-inputs.ts';
import { requireInYouthsTime, requireNotExited } from './youth-rules.ts';

/**
 * `recordResearchConsent`: records that the young person consents to the effect evaluation
 * (the young person themself, or their team on their behalf), at the version the client read.
 */
export const recordResearchConsentCommand = defineCommand({
  name: 'recordResearchConsent',
  input: ResearchConsentInputSchema,
  async execute(context, input, work) {
    const youth = await youthToChange(context, input.youthId, input.expectedVersion);
    requireNotExited(youth);
    const today = todayOf(context);
    requireInYouthsTime(input.date ?? today, youth, ['date']);
    const researchConsent = giveConsent(youth.researchConsent, input.date ?? today, today);
    return viewForCaller(context, work.change(YouthEntity, youth, { researchConsent }));
  },
  ...answersWithYouth,
});

/**
 * `withdrawResearchConsent`: records that the young person withdraws their consent, at the
 * version the client read. Allowed after they left the programme too: consent can always be
 * withdrawn.
 */
export const withdrawResearchConsentCommand = defineCommand({
  name: 'withdrawResearchConsent',
  input: ResearchConsentInputSchema,
  async execute(context, input, work) {
    const youth = await youthToChange(context, input.youthId, input.expectedVersion);
    const today = todayOf(context);
    requireInYouthsTime(input.date ?? today, youth, ['date']);
    const researchConsent = withdrawConsent(youth.researchConsent, input.date ?? today, today);
    return viewForCaller(context, work.change(YouthEntity, youth, { researchConsent }));
  },
  ...answersWithYouth,
});
