import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { erasedYouthKey } from '#people/data-subject/erased-youth-entity';
import { collectPeopleData, erasePeopleData } from '#people/data-subject/people-data-subject';
import { YouthEntity } from '#people/repository/youth-entity';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aYouth,
  enrolYouthInput,
  givenMunicipalities,
  givenTeam,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const COVARIATES =
  'gender highestCompletedEducation benefitCategory benefitHistory { category from }';

const ENROL = `mutation ($input: EnrolYouthInput!) {
  enrolYouth(input: $input) { youth { id version ${COVARIATES} } errors { code path } }
}`;

const UPDATE = `mutation ($input: UpdateYouthProfileInput!) {
  updateYouthProfile(input: $input) { youth { version ${COVARIATES} } errors { code path } }
}`;

const READ = `query ($id: ID!) { youth(id: $id) { ${COVARIATES} } }`;

/** The clock of these tests: 26 November 2026. */
const NOW = new Date('2026-11-26T10:00:00Z');

describe('people subgraph: benefit history and covariates at enrolment (#21)', () => {
  let table: Table;
  const team = () => testContext(table, staffIdentity(ROSKILDE), NOW);

  async function enrol(overrides: Record<string, unknown> = {}) {
    const result = await execute<{ enrolYouth: { youth: { id: string; version: number } } }>(
      server,
      team(),
      ENROL,
      {
        input: enrolYouthInput({
          enrolledAt: '2026-09-01',
          benefitCategory: 'ACTIVITY_READY',
          gender: 'FEMALE',
          highestCompletedEducation: 'GRUNDSKOLE',
          ...overrides,
        }),
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.enrolYouth.youth as { id: string; version: number };
  }

  async function update(identity: Identity, input: Record<string, unknown>) {
    return execute<{ updateYouthProfile: { youth: Record<string, unknown> | null } }>(
      server,
      testContext(table, identity, NOW),
      UPDATE,
      { input },
    );
  }

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
  });

  it('keeps the covariates and the benefit category at enrolment, the first period from the day of enrolment', async () => {
    // Act
    const youth = await enrol();
    // Assess
    const read = await execute(server, team(), READ, { id: youth.id });
    expect(read.data?.youth).toEqual({
      gender: 'FEMALE',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategory: 'ACTIVITY_READY',
      benefitHistory: [{ category: 'ACTIVITY_READY', from: '2026-09-01' }],
    });
    const stored = await table.get(sharedKeys.youth(youth.id));
    expect(stored?.atEnrolment).toEqual({
      gender: 'FEMALE',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategory: 'ACTIVITY_READY',
    });
  });

  it('dates a change of category, and leaves the covariates at enrolment as they were', async () => {
    // Prepare
    const youth = await enrol();
    // Act
    const changed = await update(staffIdentity(ROSKILDE), {
      youthId: youth.id,
      expectedVersion: youth.version,
      benefitCategory: 'EDUCATION_READY',
      benefitCategoryFrom: '2026-10-15',
      highestCompletedEducation: 'ERHVERVSFAGLIG',
    });
    const again = await update(staffIdentity(ROSKILDE), {
      youthId: youth.id,
      expectedVersion: youth.version + 1,
      benefitCategory: 'ACTIVITY_READY',
    });
    // Assess
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.updateYouthProfile.youth).toMatchObject({
      highestCompletedEducation: 'ERHVERVSFAGLIG',
      benefitCategory: 'EDUCATION_READY',
      benefitHistory: [
        { category: 'ACTIVITY_READY', from: '2026-09-01' },
        { category: 'EDUCATION_READY', from: '2026-10-15' },
      ],
    });
    // Without a day, the change holds from today.
    expect(again.data?.updateYouthProfile.youth?.benefitHistory).toEqual([
      { category: 'ACTIVITY_READY', from: '2026-09-01' },
      { category: 'EDUCATION_READY', from: '2026-10-15' },
      { category: 'ACTIVITY_READY', from: '2026-11-26' },
    ]);
    const item = await table.get(sharedKeys.youth(youth.id));
    expect(item?.atEnrolment).toEqual({
      gender: 'FEMALE',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategory: 'ACTIVITY_READY',
    });
  });

  it.each([
    ['a day in the future', { benefitCategoryFrom: '2026-11-27' }],
    ['a day before the enrolment', { benefitCategoryFrom: '2026-08-31' }],
    ['a day without a category', { benefitCategory: null, benefitCategoryFrom: '2026-10-01' }],
    ['an unknown education level', { highestCompletedEducation: 'PHD' }],
  ])('refuses %s with BAD_USER_INPUT, and writes nothing', async (_what, change) => {
    // Prepare
    const youth = await enrol();
    const before = await table.get(sharedKeys.youth(youth.id));
    // Act
    const result = await update(staffIdentity(ROSKILDE), {
      youthId: youth.id,
      expectedVersion: youth.version,
      benefitCategory: 'EDUCATION_READY',
      ...change,
    });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await table.get(sharedKeys.youth(youth.id))).toEqual(before);
  });

  it('refuses a day before the current category began', async () => {
    // Prepare
    const youth = await enrol();
    await update(staffIdentity(ROSKILDE), {
      youthId: youth.id,
      expectedVersion: youth.version,
      benefitCategory: 'EDUCATION_READY',
      benefitCategoryFrom: '2026-10-15',
    });
    const before = await table.get(sharedKeys.youth(youth.id));
    // Act
    const result = await update(staffIdentity(ROSKILDE), {
      youthId: youth.id,
      expectedVersion: youth.version + 1,
      benefitCategory: 'ACTIVITY_READY',
      benefitCategoryFrom: '2026-10-14',
    });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await table.get(sharedKeys.youth(youth.id))).toEqual(before);
  });

  it('lets the young person read their own history and covariates, and correct their own gender only', async () => {
    // Prepare
    const youth = await enrol();
    const self = youthIdentity(ROSKILDE, youth.id);
    // Act
    const read = await execute(server, testContext(table, self, NOW), READ, {
      id: youth.id,
    });
    const gender = await update(self, {
      youthId: youth.id,
      expectedVersion: youth.version,
      gender: 'NOT_STATED',
    });
    const education = await update(self, {
      youthId: youth.id,
      expectedVersion: youth.version + 1,
      highestCompletedEducation: 'GYMNASIAL',
    });
    const benefit = await update(self, {
      youthId: youth.id,
      expectedVersion: youth.version + 1,
      benefitCategory: 'EDUCATION_READY',
    });
    // Assess
    expect(read.errors).toBeUndefined();
    expect(read.data?.youth).toEqual({
      gender: 'FEMALE',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategory: 'ACTIVITY_READY',
      benefitHistory: [{ category: 'ACTIVITY_READY', from: '2026-09-01' }],
    });
    expect(gender.data?.updateYouthProfile.youth).toMatchObject({ gender: 'NOT_STATED' });
    expect(errorCodes(education)).toEqual(['FORBIDDEN']);
    expect(errorCodes(benefit)).toEqual(['FORBIDDEN']);
    expect((await table.get(sharedKeys.youth(youth.id)))?.version).toBe(youth.version + 1);
  });

  it.each([
    ["another municipality's team", staffIdentity(KOBENHAVN)],
    ['another young person', youthIdentity(ROSKILDE, 'y-someone-else')],
    ['a company contact', companyContactIdentity('c-linked')],
    ['the programme office', programmeIdentity()],
  ] as Array<[string, Identity]>)(
    'keeps the history and covariates from %s',
    async (_who, identity) => {
      // Prepare (a linked company is refused each field: people-youth-access.test.ts)
      const youth = await enrol();
      // Act
      const result = await execute<{ youth: unknown }>(
        server,
        testContext(table, identity, NOW),
        READ,
        { id: youth.id },
      );
      // Assess: a stranger hears what an unknown id gets
      expect(result.data?.youth).toBeNull();
      expect(JSON.stringify(result.data ?? {})).not.toMatch(/FEMALE|GRUNDSKOLE|ACTIVITY_READY/);
    },
  );

  it('reads a profile stored before the history as one period of its category from an unknown day', async () => {
    // Prepare: written raw, as no code writes that shape any more
    const old = aYouth({ id: 'y-before-21', benefitCategory: 'EDUCATION_READY' });
    await table.put(YouthEntity.toItem(old));
    // Act
    const result = await execute(server, team(), READ, { id: old.id });
    // Assess
    expect(result.data?.youth).toEqual({
      gender: null,
      highestCompletedEducation: null,
      benefitCategory: 'EDUCATION_READY',
      benefitHistory: [{ category: 'EDUCATION_READY', from: null }],
    });
  });

  it('puts the history and covariates in the art. 15 document, and leaves none of them in the erased stub', async () => {
    // Prepare
    const youth = await enrol({ gender: 'OTHER', highestCompletedEducation: 'GYMNASIAL' });
    // Act
    const collected = await collectPeopleData(table, youth.id);
    await erasePeopleData(table, youth.id, 'y-stub-21');
    // Assess
    expect(collected.profile).toMatchObject({
      gender: 'OTHER',
      highestCompletedEducation: 'GYMNASIAL',
      benefitHistory: [{ category: 'ACTIVITY_READY', from: '2026-09-01' }],
      atEnrolment: {
        gender: 'OTHER',
        highestCompletedEducation: 'GYMNASIAL',
        benefitCategory: 'ACTIVITY_READY',
      },
    });
    expect(await table.get(sharedKeys.youth(youth.id))).toBeUndefined();
    const stub = await table.get(erasedYouthKey('y-stub-21'));
    expect(stub).toBeDefined();
    expect(JSON.stringify(stub)).not.toMatch(/OTHER|GYMNASIAL|atEnrolment|benefitHistory/);
  });
});
