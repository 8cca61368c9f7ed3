import { describe, expect, it } from 'vitest';
import { activityAudience, mayRecordActivity } from '#people/domain/activity-access';
import type { StaffView } from '#people/domain/staff-access';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { aStaffMember, dataProtectionOfficerIdentity } from '../support/people-factories.ts';

/**
 * The activity log's rules (issue #21), each audience beside its neighbours: the field rules
 * of `StaffMember.activities` and `Mutation.recordActivity` call these, so a flipped comparison
 * or a role dropped from a list fails here.
 */

const consultant: StaffView = {
  staff: aStaffMember({ id: 'staff-265-1', municipalityCode: '265' }),
  audience: 'TEAM',
};

describe('who reads a staff member’s activities', () => {
  it.each([
    [
      'the staff member themself',
      staffIdentity('265', 'NETWORK_CONSULTANT', 'staff-265-1'),
      'SELF',
    ],
    ['their team leader', staffIdentity('265', 'TEAM_LEADER', 'staff-265-leader'), 'TEAM_LEADER'],
    ['a colleague', staffIdentity('265', 'NETWORK_CONSULTANT', 'staff-265-2'), null],
    ['the psychologist', staffIdentity('265', 'PSYCHOLOGIST', 'staff-265-psychologist'), null],
    [
      "another municipality's team leader",
      staffIdentity('147', 'TEAM_LEADER', 'staff-265-1'),
      null,
    ],
    ['the programme office', programmeIdentity(), null],
    ['a young person', youthIdentity('265', 'y-1'), null],
  ])('%s: %s', (_who, identity, audience) => {
    expect(activityAudience(identity, consultant)).toBe(audience);
  });
});

describe('who logs an activity', () => {
  it.each([
    ['a consultant, own municipality named', staffIdentity('265'), '265', true],
    ['a consultant, none named', staffIdentity('265'), undefined, true],
    ['a psychologist', staffIdentity('265', 'PSYCHOLOGIST'), '265', true],
    ['an entrepreneur', staffIdentity('265', 'ENTREPRENEUR'), '265', true],
    ['a team leader', staffIdentity('265', 'TEAM_LEADER'), '265', true],
    ['a consultant, another municipality', staffIdentity('265'), '147', false],
    ['the programme office', programmeIdentity(), '265', false],
    ['a young person', youthIdentity('265', 'y-1'), '265', false],
    ['a company contact', companyContactIdentity('c-1'), undefined, false],
    ['the data protection officer', dataProtectionOfficerIdentity('265'), '265', false],
  ])('%s', (_who, identity, code, allowed) => {
    expect(mayRecordActivity(identity, code)).toBe(allowed);
  });
});
