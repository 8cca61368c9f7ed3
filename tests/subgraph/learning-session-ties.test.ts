import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { youthCompanyTieKey } from '#kernel/ties';
import type { NetworkGroup } from '#learning-community/domain/network-group';
import { server } from '#learning-community/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenGroup, putSharedWorld } from '../support/learning-factories.ts';
import { createTestTable } from '../support/table.ts';

const SCHEDULE = `mutation ($input: ScheduleNetworkSessionInput!) {
  scheduleNetworkSession(input: $input) {
    session { id version hostCompany { id } }
    errors { code path }
  }
}`;

const RECORD = `mutation ($input: RecordSessionAttendanceInput!) {
  recordSessionAttendance(input: $input) { session { version } errors { code path } }
}`;

interface Scheduled {
  scheduleNetworkSession: {
    session: { id: string; version: number; hostCompany: { id: string } | null } | null;
    errors: Array<{ code: string; path: string[] }>;
  };
}

describe('learning community subgraph: a session a company hosts ties its young people', () => {
  let table: Table;
  let youthGroup: NetworkGroup;
  let companyGroup: NetworkGroup;
  const consultant = () =>
    testContext(table, staffIdentity('630', 'NETWORK_CONSULTANT', 'staff-630-1'));
  const schedule = (input: Record<string, unknown>) =>
    execute<Scheduled>(server, consultant(), SCHEDULE, {
      input: { date: '2026-11-25', theme: 'Besøg hos Lindholm Smed', ...input },
    });
  const record = (sessionId: string, expectedVersion: number, present: string[]) =>
    execute(server, consultant(), RECORD, {
      input: {
        sessionId,
        expectedVersion,
        attendance: youthGroup.members.map(({ memberId }) => ({
          memberId,
          status: present.includes(memberId) ? 'PRESENT' : 'ABSENT',
        })),
      },
    });

  beforeAll(async () => {
    table = await createTestTable();
    await putSharedWorld(table, {
      staff: [{ id: 'staff-630-1', municipalityCode: '630' }],
      youth: [
        { id: 'y-630-1', municipalityCode: '630' },
        { id: 'y-630-2', municipalityCode: '630' },
      ],
      companies: [
        { id: 'c-630-1', municipalityCode: '630' },
        { id: 'c-101-9', municipalityCode: '101' },
      ],
      contacts: [{ id: 'ct-630-1', companyId: 'c-630-1' }],
    });
    youthGroup = await givenGroup(table, {
      municipalityCode: '630',
      facilitatorId: 'staff-630-1',
      members: ['y-630-1', 'y-630-2'],
    });
    companyGroup = await givenGroup(table, {
      municipalityCode: '630',
      kind: 'COMPANY',
      facilitatorId: 'staff-630-1',
      members: ['ct-630-1'],
    });
  });

  it('ties each young person present to the host, and nobody absent', async () => {
    // Prepare
    const scheduled = await schedule({ groupId: youthGroup.id, hostCompanyId: 'c-630-1' });
    const session = scheduled.data?.scheduleNetworkSession.session;
    // Act
    const recorded = await record(session?.id ?? '', 1, ['y-630-1']);
    // Assess
    expect(session?.hostCompany).toEqual({ id: 'c-630-1' });
    expect(recorded.errors).toBeUndefined();
    expect(await table.get(youthCompanyTieKey('y-630-1', 'c-630-1'))).toMatchObject({
      entity: 'YouthCompanyTie',
      municipalityCode: '630',
      reasons: new Set([`SESSION#${session?.id}`]),
      ways: new Set(['GROUP_SESSION']),
      contactDays: new Set(['2026-11-25']),
    });
    expect(await table.get(youthCompanyTieKey('y-630-2', 'c-630-1'))).toBeUndefined();
  });

  it('adds nothing when the same presence is recorded again', async () => {
    // Prepare
    const scheduled = await schedule({
      groupId: youthGroup.id,
      hostCompanyId: 'c-630-1',
      date: '2026-11-24',
    });
    const sessionId = scheduled.data?.scheduleNetworkSession.session?.id ?? '';
    await record(sessionId, 1, ['y-630-2']);
    const before = await table.get(youthCompanyTieKey('y-630-2', 'c-630-1'));
    // Act
    const again = await record(sessionId, 2, ['y-630-2']);
    // Assess
    expect(again.errors).toBeUndefined();
    expect(before).toMatchObject({ reasons: new Set([`SESSION#${sessionId}`]) });
    expect(await table.get(youthCompanyTieKey('y-630-2', 'c-630-1'))).toEqual(before);
  });

  it('ties nobody at a session no company hosts', async () => {
    // Prepare
    const scheduled = await schedule({ groupId: youthGroup.id, date: '2026-11-23' });
    const session = scheduled.data?.scheduleNetworkSession.session;
    // Act
    await record(session?.id ?? '', 1, ['y-630-1', 'y-630-2']);
    // Assess
    expect(session?.hostCompany).toBeNull();
    const tie = await table.get(youthCompanyTieKey('y-630-1', 'c-630-1'));
    expect(tie?.reasons).not.toContain(`SESSION#${session?.id}`);
  });

  it('refuses an unknown host, a company of another municipality and a host for a company group, creating nothing', async () => {
    // Act
    const unknown = await schedule({ groupId: youthGroup.id, hostCompanyId: 'c-nowhere' });
    const elsewhere = await schedule({ groupId: youthGroup.id, hostCompanyId: 'c-101-9' });
    const ofCompanies = await schedule({ groupId: companyGroup.id, hostCompanyId: 'c-630-1' });
    // Assess
    expect(unknown.data?.scheduleNetworkSession).toEqual({
      session: null,
      errors: [{ code: 'COMPANY_NOT_FOUND', path: ['hostCompanyId'] }],
    });
    expect(elsewhere.data?.scheduleNetworkSession).toEqual(unknown.data?.scheduleNetworkSession);
    expect(ofCompanies.data?.scheduleNetworkSession).toEqual({
      session: null,
      errors: [{ code: 'HOST_ONLY_FOR_YOUTH_GROUPS', path: ['hostCompanyId'] }],
    });
  });
});
