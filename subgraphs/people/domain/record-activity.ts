import { type Activity, ActivityEntity, stageActivity } from '#kernel/activity-log';
import { requireIdentity } from '#kernel/authorisation';
import { answeredById, defineCommand } from '#kernel/command';
import { programmeStart, requireDateInRange, todayBound } from '#kernel/date-bounds';
import { DomainRuleError } from '#kernel/errors';
import type { StaffIdentity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import { loadCompanyMunicipality } from '../repository/shared-items.ts';
import { loadOneYouth, youthExists } from '../repository/youth-repository.ts';
import { RecordActivityInputSchema } from './activity-inputs.ts';
import { todayOf } from './youth-command-support.ts';
import { requireYouthFound } from './youth-rules.ts';

/** The codes `recordActivity` refuses with besides the kernel's. */
export const ACTIVITY_RULE = {
  /** The company is unknown, or another municipality's (the same answer: nothing is told). */
  COMPANY_NOT_FOUND: 'COMPANY_NOT_FOUND',
} as const;

/**
 * `recordActivity`: the caller logs one activity of their own work, for their own municipality
 * (the rule refuses any other). The young person and the company it names must be the
 * municipality's; another municipality's answer as no one's, so nothing is told about them.
 */
export const recordActivityCommand = defineCommand({
  name: 'recordActivity',
  input: RecordActivityInputSchema,
  async execute(context, input, work): Promise<Activity> {
    const caller = requireIdentity(context) as StaffIdentity;
    const municipalityCode = caller.municipalityCode;
    requireDateInRange(
      input.on,
      { notBefore: [programmeStart], notAfter: [todayBound(todayOf(context))] },
      ['on'],
    );
    if (input.youthId) {
      const youth = await loadOneYouth(context.loader, input.youthId);
      requireYouthFound(youth?.municipalityCode === municipalityCode ? youth : undefined);
      // The young person's minutes item is added to: only while they exist.
      work.add(youthExists(input.youthId));
    }
    if (input.companyId) {
      const companyMunicipality = await loadCompanyMunicipality(context.loader, input.companyId);
      if (companyMunicipality !== municipalityCode) {
        throw new DomainRuleError(ACTIVITY_RULE.COMPANY_NOT_FOUND, 'No such company', [
          'companyId',
        ]);
      }
    }
    const activity: Activity = {
      id: newId(context.now().getTime()),
      staffId: caller.staffId,
      municipalityCode,
      kind: input.kind,
      minutes: input.minutes,
      on: input.on,
      ...(input.youthId ? { youthId: input.youthId } : {}),
      ...(input.companyId ? { companyId: input.companyId } : {}),
      ...(input.note ? { note: input.note } : {}),
      source: 'MANUAL',
      recordedAt: context.now().toISOString(),
    };
    stageActivity(work, activity);
    return activity;
  },
  // The activity's key only: its day and id under the caller, never the note.
  ...answeredById(
    'The activity',
    async (context, remembered) => {
      const [staffId, on, id] = remembered.split('/');
      if (!staffId || !on || !id) return undefined;
      return ActivityEntity.read(context.table, sharedKeys.activity(staffId, on, id));
    },
    (activity: Activity) => `${activity.staffId}/${activity.on}/${activity.id}`,
  ),
  about: (_input, activity) => ({
    municipalityCode: activity.municipalityCode,
    ...(activity.youthId ? { youthId: activity.youthId } : {}),
  }),
});
