import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import { canSeeGroup } from '#learning-community/domain/group-access';
import {
  MAX_GROUP_MEMBERS,
  type NetworkGroup,
  withMembersAdded,
  withMembersRemoved,
} from '#learning-community/domain/network-group';
import {
  attendanceChanges,
  MAX_ATTENDANCE_CHANGES,
  monthDelta,
  type NetworkSession,
  withAttendance,
} from '#learning-community/domain/network-session';
import { monthRange, networkStatsFor } from '#learning-community/domain/network-stats';
import {
  matchesSearch,
  parseLearningSearch,
  wordsOf,
} from '#learning-community/domain/practice-learning';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';

function group(overrides: Partial<NetworkGroup> = {}): NetworkGroup {
  return {
    id: 'g-1',
    municipalityCode: '265',
    kind: 'YOUTH',
    name: 'Ungenetværk',
    facilitatorId: 's-1',
    cadence: 'WEEKLY',
    members: [
      { memberId: 'y-1', joinedOn: '2026-09-01' },
      { memberId: 'y-2', joinedOn: '2026-09-01' },
    ],
    createdAt: '2026-09-01T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function session(overrides: Partial<NetworkSession> = {}): NetworkSession {
  return {
    id: 's-1',
    groupId: 'g-1',
    groupKind: 'YOUTH',
    municipalityCode: '265',
    date: '2026-11-20',
    theme: 'Tema',
    facilitatorId: 's-1',
    attendance: [],
    version: 1,
    ...overrides,
  };
}

function ruleCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError.code;
    throw error;
  }
  return undefined;
}

describe('network group rules', () => {
  it('adds new members and refuses one already in the group', () => {
    // Act
    const grown = withMembersAdded(group(), [{ memberId: 'y-3', joinedOn: '2026-11-26' }]);
    // Assess
    expect(grown.members.map((m) => m.memberId)).toEqual(['y-1', 'y-2', 'y-3']);
    expect(
      ruleCode(() => withMembersAdded(group(), [{ memberId: 'y-2', joinedOn: '2026-11-26' }])),
    ).toBe('ALREADY_MEMBER');
  });

  it('refuses a group larger than the limit', () => {
    // Prepare
    const joining = Array.from({ length: MAX_GROUP_MEMBERS - 1 }, (_, i) => ({
      memberId: `n-${i}`,
      joinedOn: '2026-11-26',
    }));
    // Act / Assess
    expect(ruleCode(() => withMembersAdded(group(), joining))).toBe('GROUP_FULL');
  });

  it('removes members and refuses a non-member', () => {
    // Act / Assess
    expect(withMembersRemoved(group(), ['y-1']).members.map((m) => m.memberId)).toEqual(['y-2']);
    expect(ruleCode(() => withMembersRemoved(group(), ['y-9']))).toBe('NOT_A_MEMBER');
  });

  it.each([
    ['staff of the municipality', staffIdentity('265'), true],
    ['staff of another municipality', staffIdentity('101'), false],
    ['a member', youthIdentity('265', 'y-1'), true],
    ['a non-member', youthIdentity('265', 'y-9'), false],
    ['a company contact', companyContactIdentity('c-1'), false],
    ['the programme office', programmeIdentity(), false],
  ])('decides whether %s sees a youth group', (_who, identity, expected) => {
    // Act / Assess
    expect(canSeeGroup(identity, group())).toBe(expected);
  });

  it('shows a company group to contacts of companies that take part', () => {
    // Prepare
    const companies = group({
      kind: 'COMPANY',
      members: [{ memberId: 'ct-1', joinedOn: '2026-09-01', companyId: 'c-1' }],
    });
    // Act / Assess
    expect(canSeeGroup(companyContactIdentity('c-1', 'ct-9'), companies)).toBe(true);
    expect(canSeeGroup(companyContactIdentity('c-2'), companies)).toBe(false);
  });
});

describe('attendance rules', () => {
  const now = new Date('2026-11-26T10:00:00Z');

  it('refuses a session still to come, a non-member and a member twice', () => {
    // Act / Assess
    expect(ruleCode(() => withAttendance(session({ date: '2026-11-27' }), group(), [], now))).toBe(
      'SESSION_IN_FUTURE',
    );
    expect(
      ruleCode(() =>
        withAttendance(session(), group(), [{ memberId: 'y-9', status: 'PRESENT' }], now),
      ),
    ).toBe('NOT_A_MEMBER');
    expect(
      ruleCode(() =>
        withAttendance(
          session(),
          group(),
          [
            { memberId: 'y-1', status: 'PRESENT' },
            { memberId: 'y-1', status: 'ABSENT' },
          ],
          now,
        ),
      ),
    ).toBe('DUPLICATE_MEMBER');
  });

  it('refuses a recording that changes more entries than one transaction holds, and takes one just under it', () => {
    // Prepare: every member of a full group replaced since the list was first recorded
    const members = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, n) => `${prefix}-${n}`);
    const before = session({
      attendance: members('old', MAX_GROUP_MEMBERS).map((memberId) => ({
        memberId,
        status: 'PRESENT' as const,
      })),
      attendanceRecordedAt: '2026-11-20T12:00:00.000Z',
    });
    const replaced = group({
      members: members('new', MAX_GROUP_MEMBERS).map((memberId) => ({
        memberId,
        joinedOn: '2026-11-21',
      })),
    });
    const entries = (ids: string[]) =>
      ids.map((memberId) => ({ memberId, status: 'ABSENT' as const }));
    const tooMany = entries(members('new', MAX_GROUP_MEMBERS));
    const fits = entries(members('new', MAX_ATTENDANCE_CHANGES - MAX_GROUP_MEMBERS));
    // Act / Assess
    expect(ruleCode(() => withAttendance(before, replaced, tooMany, now))).toBe(
      'TOO_MANY_ATTENDANCE_CHANGES',
    );
    expect(attendanceChanges(before, withAttendance(before, replaced, fits, now))).toHaveLength(
      MAX_ATTENDANCE_CHANGES,
    );
  });

  it('accepts a session held today', () => {
    // Act
    const recorded = withAttendance(session({ date: '2026-11-26' }), group(), [], now);
    // Assess
    expect(recorded.attendanceRecordedAt).toBe(now.toISOString());
  });

  it('counts a session held once and moves counts by the changed entries only', () => {
    // Prepare
    const before = session({
      attendance: [
        { memberId: 'y-1', status: 'PRESENT' },
        { memberId: 'y-2', status: 'ABSENT' },
      ],
      attendanceRecordedAt: '2026-11-20T16:00:00.000Z',
    });
    const after = session({
      attendance: [
        { memberId: 'y-1', status: 'PRESENT' },
        { memberId: 'y-3', status: 'EXCUSED' },
      ],
      attendanceRecordedAt: '2026-11-20T16:00:00.000Z',
    });
    // Act
    const changes = attendanceChanges(before, after);
    const delta = monthDelta(before, after);
    // Assess
    expect(changes).toEqual([
      { memberId: 'y-2', before: 'ABSENT' },
      { memberId: 'y-3', after: 'EXCUSED' },
    ]);
    expect(delta).toEqual({ sessionsHeld: 0, present: 0, absent: -1, excused: 1 });
    expect(monthDelta(session(), after).sessionsHeld).toBe(1);
  });
});

describe('network figures', () => {
  it('sums whole months of a period and refuses one that ends before it starts', () => {
    // Act / Assess
    expect(monthRange('2026-10-15', '2026-11-02')).toEqual({
      fromMonth: '2026-10',
      toMonth: '2026-11',
    });
    expect(monthRange(null, null)).toEqual({});
    expect(() => monthRange('2026-11-02', '2026-10-15')).toThrow('from must not be after to');
  });

  it('rounds attendance to multiples of 5 for the programme office only, the rate of what is shown', () => {
    // Prepare
    const groups = { youthGroups: 2, companyGroups: 1 };
    const month = { sessionsHeld: 3, present: 12, absent: 3, excused: 0 };
    // Act
    const programme = networkStatsFor(programmeIdentity(), groups, month);
    const team = networkStatsFor(staffIdentity('265'), groups, month);
    // Assess
    expect(programme.attendance).toEqual({ present: 10, absent: 5, excused: 0, rate: 10 / 15 });
    expect(team.attendance).toEqual({ present: 12, absent: 3, excused: 0, rate: 0.8 });
  });
});

describe('practice learning search', () => {
  it('indexes whole title words in lower case, each once', () => {
    // Act / Assess
    expect(wordsOf('Mødestabilitet: Morgenmøder giver MØDESTABILITET, i praksis!')).toEqual([
      'mødestabilitet',
      'morgenmøder',
      'giver',
      'praksis',
    ]);
  });

  it('matches every word and the tag', () => {
    // Prepare
    const indexed = { tags: ['praktik'], titleWords: ['morgenmøder', 'giver', 'ro'] };
    // Act / Assess
    expect(matchesSearch(indexed, { tag: 'praktik', words: ['giver', 'ro'] })).toBe(true);
    expect(matchesSearch(indexed, { words: ['giver', 'uro'] })).toBe(false);
    expect(matchesSearch(indexed, { tag: 'job', words: [] })).toBe(false);
  });

  it('normalises a search and rejects one with nothing searchable', () => {
    // Act / Assess
    expect(parseLearningSearch({ tag: ' Praktik ', words: 'Gode  MORGENER' })).toEqual({
      tag: 'praktik',
      words: ['gode', 'morgener'],
    });
    expect(parseLearningSearch(null)).toEqual({ words: [] });
    expect(() => parseLearningSearch({ words: '? !' })).toThrow('Invalid search');
  });
});
