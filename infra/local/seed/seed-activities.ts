import { type Activity, type ActivityKind, stageActivity } from '#kernel/activity-log';
import { addDays } from '#kernel/calendar';
import { monthOf } from '#kernel/figures-period';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import { stageProgrammeCosts } from '#people/repository/programme-costs-repository';
import type { DemoWorld } from './demo-world.ts';

/** How many weeks of activities the demo's teams have logged before its today. */
const DEMO_ACTIVITY_WEEKS = 3;

/** Each week's activities of a municipality's team: kind, minutes, day of the week (0 = Monday). */
const WEEKLY: ReadonlyArray<{
  kind: ActivityKind;
  minutes: number;
  day: number;
  about: 'YOUTH' | 'COMPANY' | 'NONE';
}> = [
  { kind: 'YOUTH_CONVERSATION', minutes: 45, day: 0, about: 'YOUTH' },
  { kind: 'PHONE_FOLLOW_UP', minutes: 15, day: 1, about: 'YOUTH' },
  { kind: 'COMPANY_VISIT', minutes: 90, day: 2, about: 'COMPANY' },
  { kind: 'OTHER', minutes: 60, day: 4, about: 'NONE' },
];

/**
 * The demo's activity log and programme costs, written the way the commands write them: each
 * activity by the kernel's `stageActivity` in its own transaction (item, month counters, the
 * young person's minutes), and each municipality's costs of its last three months by
 * `stageProgrammeCosts`, one version each. The young person's consultant logs about them; a
 * company's visit is logged by the municipality's entrepreneur.
 *
 * @param table - the table to fill
 * @param world - the demo world
 */
export async function seedActivities(table: Table, world: DemoWorld): Promise<void> {
  const monday = addDays(world.today, -7 * DEMO_ACTIVITY_WEEKS);
  for (const [index, { code }] of world.municipalities.entries()) {
    const youth = world.youth
      .filter((y) => y.municipalityCode === code)
      .slice(0, DEMO_ACTIVITY_WEEKS);
    const company = world.companies.find((c) => c.municipalityCode === code);
    const entrepreneur = world.staff.find(
      (s) => s.municipalityCode === code && s.role === 'ENTREPRENEUR',
    );
    for (let week = 0; week < DEMO_ACTIVITY_WEEKS; week++) {
      const young = youth[week];
      for (const [n, planned] of WEEKLY.entries()) {
        const on = addDays(monday, 7 * week + planned.day);
        const staffId =
          planned.about === 'YOUTH'
            ? young?.consultantId
            : (entrepreneur?.id ?? young?.consultantId);
        if (!staffId || on > world.today) continue;
        if (planned.about === 'YOUTH' && !young) continue;
        const activity: Activity = {
          id: `demo-activity-${code}-${week}-${n}`,
          staffId,
          municipalityCode: code,
          kind: planned.kind,
          minutes: planned.minutes,
          on,
          ...(planned.about === 'YOUTH' && young ? { youthId: young.id } : {}),
          ...(planned.about === 'COMPANY' && company ? { companyId: company.id } : {}),
          source: 'MANUAL',
          recordedAt: `${on}T15:00:00.000Z`,
        };
        const work = new UnitOfWork();
        stageActivity(work, activity);
        await table.transact(work.transaction([]));
      }
    }
    for (let back = 3; back >= 1; back--) {
      const work = new UnitOfWork();
      stageProgrammeCosts(work, {
        municipalityCode: code,
        month: monthOf(addDays(`${monthOf(world.today)}-01`, -28 * back)),
        amountDkk: 180_000 + 20_000 * index,
        expectedVersion: 3 - back,
      });
      await table.transact(work.transaction([]));
    }
  }
}
