import { describe, expect, it } from 'vitest';
import { statusAfterFollowUp } from '#placements/domain/lifecycle-commands';

describe('placements domain: the young person after a retention follow-up', () => {
  it('brings a young person no longer in the job or education back into the programme from the day recorded', () => {
    // Act / Assess
    expect(statusAfterFollowUp('JOB', false, '2027-04-01', 'IN_JOB')).toMatchObject({
      status: 'ENROLLED',
      date: '2027-04-01',
    });
    expect(statusAfterFollowUp('EDUCATION', false, '2027-04-01', 'IN_EDUCATION')).toMatchObject({
      status: 'ENROLLED',
    });
  });

  it('changes nothing while they are still there, or when their status has moved on since', () => {
    // Act / Assess
    expect(statusAfterFollowUp('JOB', true, '2027-04-01', 'IN_JOB')).toBeNull();
    expect(statusAfterFollowUp('JOB', false, '2027-04-01', 'IN_PLACEMENT')).toBeNull();
    expect(statusAfterFollowUp('EDUCATION', false, '2027-04-01', 'IN_JOB')).toBeNull();
  });
});
