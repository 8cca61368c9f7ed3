import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoWorld } from '#infra/local/seed/demo-world';
import {
  DEMO_LOTTERY_MUNICIPALITY,
  drawnForTreatment,
  seedPeople,
  updatedNoteYouthOf,
} from '#infra/local/seed/seed-people';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { ageOn, TARGET_GROUP_AGES } from '#people/domain/youth';
import { listMunicipalities } from '#people/repository/municipality-repository';
import { listTeam } from '#people/repository/staff-repository';
import { listStatusHistory, listYouthOfMunicipality } from '#people/repository/youth-repository';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { companyContactIdentity, staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

describe('seedPeople', () => {
  let table: Table;
  let world: DemoWorld;

  beforeAll(async () => {
    table = await createTestTable();
    world = buildDemoWorld();
    await seedPeople(table, world);
  });

  it('writes the municipalities and their teams, leader first', async () => {
    // Act
    const municipalities = await listMunicipalities(table);
    const team = await listTeam(table, '265');
    // Assess
    expect(municipalities.map((m) => m.code)).toEqual(['101', '265', '540', '615', '630']);
    expect(team).toHaveLength(6);
    expect(team[0]?.role).toBe('TEAM_LEADER');
  });

  it("lists every one of a municipality's young people, page by page", async () => {
    // Prepare
    const context = testContext(table, staffIdentity('265'));
    const ids: string[] = [];
    let after: string | null = null;
    // Act
    do {
      const page = await listYouthOfMunicipality(context, '265', undefined, { first: 25, after });
      ids.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    // Assess
    const expected = world.youth.filter((y) => y.municipalityCode === '265').map((y) => y.id);
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('writes counters that agree with the young people', async () => {
    // Prepare
    const demo = world.youth.filter((y) => y.municipalityCode === '540');
    const count = (status: string) => demo.filter((y) => y.status === status).length;
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('540')),
      '{ municipality(code: "540") { youthStats { total enrolled inPlacement inEducation inJob paused exited } } }',
    );
    // Assess
    expect(result.data).toEqual({
      municipality: {
        youthStats: {
          total: demo.length,
          enrolled: count('ENROLLED'),
          inPlacement: count('IN_PLACEMENT'),
          inEducation: count('IN_EDUCATION'),
          inJob: count('IN_JOB'),
          paused: count('PAUSED'),
          exited: count('EXITED'),
        },
      },
    });
  });

  it('shows the psychologist their contacts, caseload and one changed note', async () => {
    // Prepare
    const youthId = updatedNoteYouthOf(world);
    const psychologist = world.staff.find(
      (s) => s.municipalityCode === '265' && s.role === 'PSYCHOLOGIST',
    );
    if (!youthId || !psychologist) throw new Error('the demo world has no note of Roskilde');
    const identity = staffIdentity('265', 'PSYCHOLOGIST', psychologist.id);
    // Act
    const result = await execute(
      server,
      testContext(table, identity),
      `query ($youthId: ID!, $staffId: ID!) {
        youth(id: $youthId) {
          supportNotes { version }
          psychologistContacts { edges { node { kind minutes } } }
        }
        staffMember(id: $staffId) { psychologistCaseload(first: 100) { totalCount } }
      }`,
      { youthId, staffId: psychologist.id },
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      youth: {
        supportNotes: expect.arrayContaining([{ version: 2 }]),
        psychologistContacts: { edges: expect.arrayContaining([expect.anything()]) },
      },
      staffMember: {
        psychologistCaseload: {
          totalCount: world.youth.filter(
            (y) => y.municipalityCode === '265' && y.supportNotes.length > 0,
          ).length,
        },
      },
    });
  });

  it("keeps each young person's status history", async () => {
    // Prepare
    const placed = world.youth.find((y) => y.statusHistory.length > 2);
    if (!placed) throw new Error('the demo world has no one with a longer history');
    // Act
    const history = await listStatusHistory(table, placed.id);
    // Assess
    expect(history).toEqual(placed.statusHistory);
  });

  it('links companies to young people only while a placement is planned, active or extended', async () => {
    // Prepare
    const active = world.placements.find((p) => p.status === 'ACTIVE');
    const completed = world.placements.find((p) => p.status === 'COMPLETED');
    if (!active || !completed) throw new Error('the demo world lacks placements');
    // The companies seeder writes contact persons; here only the one the token names.
    await table.put({
      ...sharedKeys.contact(active.mentorContactId),
      entity: 'CompanyContact',
      companyId: active.companyId,
    });
    // Act
    const link = await table.get(sharedKeys.youthCompanyLink(active.youthId, active.companyId));
    const none = await table.get(
      sharedKeys.youthCompanyLink(completed.youthId, completed.companyId),
    );
    const seen = await execute(
      server,
      testContext(table, companyContactIdentity(active.companyId, active.mentorContactId)),
      'query ($id: ID!) { youth(id: $id) { name workWishes } }',
      { id: active.youthId },
    );
    // Assess
    expect(link?.reasons).toEqual(new Set([`PLACEMENT#${active.id}`]));
    expect(none).toBeUndefined();
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.youth).toMatchObject({ workWishes: expect.any(Array) });
  });

  it('enrols every demo young person at 18–29 on the day, but those with the team’s reason', async () => {
    // Act
    const outside = world.youth.filter((person) => {
      const age = ageOn(person.birthDate, person.enrolledAt);
      return age < TARGET_GROUP_AGES.min || age > TARGET_GROUP_AGES.max;
    });
    const profile = outside[0] && (await table.get(sharedKeys.youth(outside[0].id)));
    // Assess
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((person) => !person.ageExceptionReason)).toEqual([]);
    expect(profile?.ageExceptionReason).toBe(outside[0]?.ageExceptionReason);
  });

  it('shows benefit changes and the covariates at enrolment, as enrolment and updates write them (#21)', async () => {
    // Prepare
    const changed = world.youth.find((person) => person.benefitHistory.length > 1);
    const team = testContext(table, staffIdentity(changed?.municipalityCode ?? '265'));
    // Act
    const result = await execute<{
      youth: { benefitCategory: string; benefitHistory: Array<{ category: string }> };
    }>(
      server,
      team,
      'query ($id: ID!) { youth(id: $id) { gender highestCompletedEducation benefitCategory benefitHistory { category from } } }',
      { id: changed?.id },
    );
    const profile = changed && (await table.get(sharedKeys.youth(changed.id)));
    // Assess
    expect(changed).toBeDefined();
    expect(result.errors).toBeUndefined();
    const history = result.data?.youth.benefitHistory ?? [];
    expect(history).toHaveLength(2);
    expect(history.at(-1)?.category).toBe(result.data?.youth.benefitCategory);
    expect(profile?.atEnrolment).toMatchObject({ benefitCategory: history[0]?.category });
    expect(new Set(world.youth.map((person) => person.gender)).size).toBe(4);
  });

  it('writes a few weeks of the team’s activities and three months of programme costs (#21)', async () => {
    // Prepare
    const leader = world.staff.find(
      (s) => s.municipalityCode === '265' && s.role === 'TEAM_LEADER',
    );
    const context = testContext(
      table,
      staffIdentity('265', 'TEAM_LEADER', leader?.id),
      new Date(`${world.today}T12:00:00Z`),
    );
    // Act
    const result = await execute(
      server,
      context,
      '{ municipality(code: "265") { resourceStats(from: "2026-08-01") { staffMinutes programmeCostsByMonth { month amountDkk } programmeCostsVersion } } }',
    );
    // Assess
    const stats = (
      result.data?.municipality as {
        resourceStats: {
          staffMinutes: number;
          programmeCostsByMonth: unknown[];
          programmeCostsVersion: number;
        };
      } | null
    )?.resourceStats;
    expect(stats?.staffMinutes).toBeGreaterThan(0);
    expect(stats?.programmeCostsByMonth).toHaveLength(3);
    expect(stats?.programmeCostsVersion).toBe(3);
  });

  it('shows a lottery: Roskilde draws three young people for the programme (#21)', async () => {
    // Prepare
    const drawn = [...drawnForTreatment(world)];
    const team = testContext(table, staffIdentity(DEMO_LOTTERY_MUNICIPALITY));
    // Act
    const result = await execute<{ youth: { studyAssignment: { arm: string } | null } }>(
      server,
      team,
      'query ($id: ID!) { youth(id: $id) { studyAssignment { arm assignedOn } } }',
      { id: drawn[0] },
    );
    // Assess
    expect(drawn).toHaveLength(3);
    expect(result.errors).toBeUndefined();
    expect(result.data?.youth.studyAssignment?.arm).toBe('TREATMENT');
  });
});
