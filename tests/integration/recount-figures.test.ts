import { beforeAll, describe, expect, it } from 'vitest';
import { recountCompanyFigures } from '#companies/maintenance/recount';
import { server as companiesServer } from '#companies/server';
import { addDays } from '#kernel/calendar';
import type { Table } from '#kernel/table/table';
import { recountNetworkFigures } from '#learning-community/maintenance/recount';
import { server as learningServer } from '#learning-community/server';
import type { YouthStatus } from '#people/domain/youth';
import { YOUTH_STATUS_TRANSITIONS } from '#people/domain/youth-status-rules';
import { recountPeopleFigures } from '#people/maintenance/recount';
import { youthKey } from '#people/repository/youth-entity';
import { prepareYouthStatusChange } from '#people/repository/youth-status-transition';
import { joinNetworkInput } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenGroup, givenSession, putSharedWorld } from '../support/learning-factories.ts';
import {
  givenMunicipalities,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const TODAY = '2026-11-26';
const NOW = new Date(`${TODAY}T10:00:00Z`);

/** A small deterministic random source, so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T,
  };
}

const JOIN = `mutation ($input: JoinNetworkInput!) { joinNetwork(input: $input) { company { id } errors { code } } }`;
const PAUSE = `mutation ($input: PauseCompanyInput!) { pauseCompany(input: $input) { company { version } errors { code } } }`;
const RESUME = `mutation ($input: ResumeCompanyInput!) { resumeCompany(input: $input) { company { version } errors { code } } }`;
const LEAVE = `mutation ($input: LeaveNetworkInput!) { leaveNetwork(input: $input) { company { version } errors { code } } }`;
const RECORD = `mutation ($input: RecordSessionAttendanceInput!) {
  recordSessionAttendance(input: $input) { session { id } errors { code } }
}`;

describe('recount: the kept figures agree with the raw items after random changes', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
  });

  it('keeps the people figures equal to a recount after enrolments and back-dated changes', async () => {
    // Prepare
    const random = randomSource(2026);
    const youth: Array<{ id: string; last: string; status: YouthStatus }> = [];
    // Act
    for (let step = 0; step < 60; step++) {
      const movable = youth.filter((y) => y.status !== 'EXITED' && y.last < TODAY);
      if (movable.length === 0 || random.int(0, 3) === 0) {
        const enrolledAt = addDays('2025-01-06', random.int(0, 600));
        const municipalityCode = random.pick([ROSKILDE, KOBENHAVN]);
        const enrolled = await givenYouth(table, { enrolledAt, municipalityCode });
        youth.push({ id: enrolled.id, last: enrolledAt, status: 'ENROLLED' });
        continue;
      }
      const person = random.pick(movable);
      const status = random.pick(YOUTH_STATUS_TRANSITIONS[person.status]);
      const latest = addDays(person.last, random.int(0, 90));
      const date = latest > TODAY ? TODAY : latest;
      await table.transact(
        await prepareYouthStatusChange(table, { youthId: person.id, status, date, reason: 'Test' }),
      );
      Object.assign(person, { status, last: date });
    }
    const report = await recountPeopleFigures(table);
    // Assess
    expect(report.differences).toEqual([]);
    expect(report.itemsCompared).toBeGreaterThan(2);
    expect((await table.get(youthKey(youth[0]?.id ?? '')))?.statusTimeline).toBeDefined();
  });

  it('finds a kept figure that drifted and corrects it with fix', async () => {
    // Prepare
    await table.update({ pk: `MUNI#${ROSKILDE}`, sk: 'STATS#YOUTH' }, { add: { ENROLLED: 3 } });
    // Act
    const found = await recountPeopleFigures(table, { fix: true });
    const after = await recountPeopleFigures(table);
    // Assess
    expect(found.differences).toHaveLength(1);
    expect(found.fixed).toBe(true);
    expect(after.differences).toEqual([]);
  });

  it('keeps the company figures equal to a recount after joins, pauses, resumes and leavings', async () => {
    // Prepare
    const random = randomSource(630);
    const team = testContext(table, staffIdentity(ROSKILDE), NOW);
    const companies: Array<{ id: string; status: 'ACTIVE' | 'PAUSED' | 'LEFT'; version: number }> =
      [];
    /** The version a change answers with, for the company's next change. */
    const versionAfter = (result: { data?: unknown }, field: string) =>
      (result.data as Record<string, { company: { version: number } | null }> | undefined)?.[field]
        ?.company?.version;
    // Act
    for (let step = 0; step < 30; step++) {
      if (companies.length < 3 || random.int(0, 3) === 0) {
        const joinedOn = addDays(TODAY, -random.int(0, 700));
        const joined = await execute<{ joinNetwork: { company: { id: string } } }>(
          companiesServer,
          team,
          JOIN,
          { input: joinNetworkInput(ROSKILDE, { joinedOn }) },
        );
        companies.push({
          id: joined.data?.joinNetwork.company.id ?? '',
          status: 'ACTIVE',
          version: 1,
        });
        continue;
      }
      const company = random.pick(companies);
      const input = { companyId: company.id, expectedVersion: company.version };
      if (company.status === 'ACTIVE' && random.int(0, 1) === 0) {
        const from = addDays(TODAY, -random.int(0, 60));
        const paused = await execute(companiesServer, team, PAUSE, {
          input: { ...input, from, until: addDays(TODAY, 30), reason: 'Travlt' },
        });
        Object.assign(company, { status: 'PAUSED', version: versionAfter(paused, 'pauseCompany') });
      } else if (company.status !== 'LEFT' && random.int(0, 1) === 0) {
        const left = await execute(companiesServer, team, LEAVE, { input });
        Object.assign(company, { status: 'LEFT', version: versionAfter(left, 'leaveNetwork') });
      } else if (company.status !== 'ACTIVE') {
        const resumed = await execute(companiesServer, team, RESUME, { input });
        Object.assign(company, {
          status: 'ACTIVE',
          version: versionAfter(resumed, 'resumeCompany'),
        });
      }
    }
    const report = await recountCompanyFigures(table);
    // Assess
    expect(companies.every(({ id }) => id !== '')).toBe(true);
    // Every change answered with the company's new version: each of them was made.
    expect(companies.every(({ version }) => Number.isInteger(version))).toBe(true);
    expect(report.differences).toEqual([]);
    expect(report.itemsCompared).toBeGreaterThan(1);
  });

  it('keeps the network figures equal to a recount after sessions and attendance', async () => {
    // Prepare
    const random = randomSource(615);
    const members = Array.from({ length: 6 }, (_, i) => `y-lc-${i + 1}`);
    await putSharedWorld(table, {
      staff: [{ id: `staff-${ROSKILDE}-1`, municipalityCode: ROSKILDE }],
      youth: members.map((id) => ({ id, municipalityCode: ROSKILDE })),
    });
    const group = await givenGroup(table, { municipalityCode: ROSKILDE, members });
    const team = testContext(table, staffIdentity(ROSKILDE), NOW);
    const sessions = [];
    for (let i = 0; i < 5; i++) {
      sessions.push(
        await givenSession(table, group, { date: addDays(TODAY, -random.int(0, 120)) }),
      );
    }
    // Act: attendance recorded, some sessions recorded again with changes
    const versions = new Map(sessions.map((session) => [session.id, session.version]));
    for (let step = 0; step < 10; step++) {
      const session = random.pick(sessions);
      const expectedVersion = versions.get(session.id) ?? session.version;
      versions.set(session.id, expectedVersion + 1);
      await execute(learningServer, team, RECORD, {
        input: {
          sessionId: session.id,
          expectedVersion,
          attendance: members
            .filter(() => random.int(0, 4) > 0)
            .map((memberId) => ({
              memberId,
              status: random.pick(['PRESENT', 'ABSENT', 'EXCUSED'] as const),
            })),
        },
      });
    }
    const report = await recountNetworkFigures(table);
    // Assess
    expect(report.differences).toEqual([]);
    expect(report.itemsCompared).toBeGreaterThan(1);
  });
});
