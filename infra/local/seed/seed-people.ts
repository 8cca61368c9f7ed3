import { addDays } from '#kernel/calendar';
import type { Item, Table } from '#kernel/table/table';
import { StaffMemberSchema } from '#people/domain/staff';
import type { SupportNote } from '#people/domain/support-note';
import { NO_CONSENT, type Youth, YouthSchema } from '#people/domain/youth';
import {
  addToMonths,
  lifetimeFigureChanges,
  type YouthMonthFigures,
} from '#people/domain/youth-figures';
import { enrolledWithAgeException } from '#people/domain/youth-rules';
import { emptyCounts, type YouthCounts } from '#people/domain/youth-stats';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { youthCompanyLinkItem } from '#people/repository/shared-items';
import { StaffEntity } from '#people/repository/staff-entity';
import { SupportNoteEntity } from '#people/repository/support-note-entity';
import {
  STATUS_TIMELINE,
  StatusHistoryEntryEntity,
  YouthEntity,
} from '#people/repository/youth-entity';
import { youthFiguresToItem } from '#people/repository/youth-stats-entity';
import type { DemoWorld, DemoYouth } from './demo-world.ts';
import { seedActivities } from './seed-activities.ts';
import { psychologistContactItems } from './seed-psychologist-contacts.ts';
import { selfAssessmentItems } from './seed-self-assessments.ts';

/** Placement statuses during which a company's contacts may see the young person's work profile. */
const LINKING_PLACEMENT_STATUSES = new Set(['PLANNED', 'ACTIVE', 'EXTENDED']);

/**
 * Writes the people subgraph's part of the demo world: the municipalities, their teams, the
 * young people with their status history and support notes, each municipality's counts by
 * status (counted from the same young people, so `youthStats` agrees with the listings), its
 * monthly figures (from each history by the same domain functions as the mutations), and
 * the youth–company links of every planned, active or extended placement. Those links belong
 * to the placements subgraph in production (written with the invitation or placement); they
 * are written here so the demo's company contacts see their interns before placements runs.
 * Every record is checked against the domain's schemas, so the demo holds data the mutations
 * would have accepted.
 *
 * @param table - the table to fill
 * @param world - the demo world
 */
export async function seedPeople(table: Table, world: DemoWorld): Promise<void> {
  await saveMunicipalities(
    table,
    world.municipalities.map(({ code, name }) => ({ code, name })),
  );
  const psychologistOf = new Map(
    world.staff.filter((s) => s.role === 'PSYCHOLOGIST').map((s) => [s.municipalityCode, s.id]),
  );
  const counts = new Map<string, YouthCounts>(
    world.municipalities.map(({ code }) => [code, emptyCounts()]),
  );
  const items: Item[] = world.staff.map((staff) =>
    StaffEntity.toItem(StaffMemberSchema.parse(staff)),
  );
  const months = new Map<string, Map<string, YouthMonthFigures>>(
    world.municipalities.map(({ code }) => [code, new Map()]),
  );
  const allNotes: SupportNote[] = [];
  const updatedNoteYouth = updatedNoteYouthOf(world);
  const drawn = drawnForTreatment(world);
  for (const demo of world.youth) {
    const youth = youthOf(demo, drawn.has(demo.id));
    const timeline = demo.statusHistory.map(({ status, date }) => ({ status, date }));
    items.push({ ...YouthEntity.toItem(youth), [STATUS_TIMELINE]: timeline });
    const municipalityMonths = months.get(youth.municipalityCode);
    if (municipalityMonths) {
      const ageException = enrolledWithAgeException(youth);
      addToMonths(
        municipalityMonths,
        lifetimeFigureChanges(youth.enrolledAt, timeline, ageException),
      );
    }
    demo.statusHistory.forEach((change, index) => {
      items.push(
        StatusHistoryEntryEntity.toItem({ ...change, youthId: youth.id, sequence: index + 1 }),
      );
    });
    const notes = supportNotesOf(
      demo,
      world.today,
      psychologistOf.get(demo.municipalityCode) ?? null,
      demo.id === updatedNoteYouth,
    );
    allNotes.push(...notes);
    items.push(...notes.map(SupportNoteEntity.toItem));
    const municipalityCounts = counts.get(youth.municipalityCode);
    if (municipalityCounts) municipalityCounts[youth.status] += 1;
  }
  for (const [code, municipalityCounts] of counts) {
    items.push(youthFiguresToItem(code, municipalityCounts, months.get(code) ?? new Map()));
  }
  items.push(...psychologistContactItems(allNotes));
  items.push(...youthCompanyLinks(world));
  items.push(...selfAssessmentItems(world));
  await table.putMany(items);
  await seedActivities(table, world);
}

/** The municipality whose team draws its young people by lottery in the demo (#21). */
export const DEMO_LOTTERY_MUNICIPALITY = '265';

/**
 * The young people the demo's lottery drew for the programme (#21): Roskilde's first three
 * enrolled in 2026, in the world's order — chosen from what the world holds, so no other demo
 * value moves. The draw is on the day of enrolment, as recordStudyAssignment keeps it.
 */
export function drawnForTreatment(world: DemoWorld): Set<string> {
  return new Set(
    world.youth
      .filter(
        (y) => y.municipalityCode === DEMO_LOTTERY_MUNICIPALITY && y.enrolledAt >= '2026-01-01',
      )
      .slice(0, 3)
      .map((y) => y.id),
  );
}

/** A demo young person as the people subgraph stores them. */
function youthOf(demo: DemoYouth, drawn: boolean): Youth {
  const lastChange = demo.statusHistory.at(-1);
  return YouthSchema.parse({
    id: demo.id,
    municipalityCode: demo.municipalityCode,
    name: `${demo.firstName} ${demo.lastName}`,
    dateOfBirth: demo.birthDate,
    ageExceptionReason: demo.ageExceptionReason ?? null,
    phone: demo.phone,
    email: demo.email,
    enrolledAt: demo.enrolledAt,
    status: demo.status,
    statusChangedAt: lastChange?.date ?? demo.enrolledAt,
    statusChanges: demo.statusHistory.length,
    consultantId: demo.consultantId,
    interests: demo.interests,
    workWishes: demo.workWishes,
    benefitCategory: demo.benefitCategory,
    // Issue #21: as enrolment and updateYouthProfile write them.
    gender: demo.gender,
    highestCompletedEducation: demo.highestCompletedEducation,
    benefitHistory: demo.benefitHistory,
    atEnrolment: {
      gender: demo.gender,
      highestCompletedEducation: demo.highestCompletedEducation,
      benefitCategory: demo.benefitHistory[0]?.category ?? demo.benefitCategory,
    },
    studyAssignment: drawn ? { arm: 'TREATMENT', assignedOn: demo.enrolledAt } : null,
    barriers: demo.barriers,
    researchConsent: demo.researchConsent.given
      ? { given: true, givenAt: demo.researchConsent.date, withdrawnAt: null }
      : NO_CONSENT,
    version: 1,
  });
}

/**
 * The young person whose first support note the demo shows changed (`updateSupportNote`): the
 * first of Roskilde with a note.
 */
export function updatedNoteYouthOf(world: DemoWorld): string | undefined {
  return world.youth.find((y) => y.municipalityCode === '265' && y.supportNotes.length > 0)?.id;
}

/**
 * The demo's support notes: written by the municipality's psychologist, every other week from
 * two weeks after enrolment, never after today.
 */
function supportNotesOf(
  demo: DemoYouth,
  today: string,
  psychologistId: string | null,
  updated: boolean,
): SupportNote[] {
  return demo.supportNotes.map((text, index) => {
    const date = addDays(demo.enrolledAt, 14 * (index + 1));
    // One note of the demo changed once by `updateSupportNote`: text rewritten, version 2.
    if (updated && index === 0) {
      return {
        id: `${demo.id}-note-1`,
        youthId: demo.id,
        date: date > today ? today : date,
        text: `${text} (rettet: aftalt forløb på seks samtaler)`,
        authorId: psychologistId,
        version: 2,
      };
    }
    return {
      id: `${demo.id}-note-${index + 1}`,
      youthId: demo.id,
      date: date > today ? today : date,
      text,
      authorId: psychologistId,
      version: 1,
    };
  });
}

/** One link per young person and company tied by a planned, active or extended placement. */
function youthCompanyLinks(world: DemoWorld): Item[] {
  const reasons = new Map<string, { youthId: string; companyId: string; reasons: string[] }>();
  for (const placement of world.placements) {
    if (!LINKING_PLACEMENT_STATUSES.has(placement.status)) continue;
    const id = `${placement.youthId}|${placement.companyId}`;
    const link = reasons.get(id) ?? {
      youthId: placement.youthId,
      companyId: placement.companyId,
      reasons: [],
    };
    link.reasons.push(`PLACEMENT#${placement.id}`);
    reasons.set(id, link);
  }
  return [...reasons.values()].map((link) =>
    youthCompanyLinkItem(link.youthId, link.companyId, link.reasons),
  );
}
