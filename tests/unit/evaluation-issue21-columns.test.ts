import { describe, expect, it } from 'vitest';
import { evaluationRowsOf } from '#people/domain/evaluation-export-rows';
import { createPseudonymiser } from '#people/domain/pseudonym';
import type { DatedStatus } from '#people/domain/weekly-status';
import { NO_CONSENT, type Youth } from '#people/domain/youth';

function aYouth(overrides: Partial<Youth> = {}): Youth {
  return {
    id: 'y-unit-21',
    municipalityCode: '630',
    name: 'Karla Lund',
    dateOfBirth: '2000-06-15',
    phone: '+4599887766',
    email: null,
    enrolledAt: '2025-03-03',
    status: 'ENROLLED',
    statusChangedAt: '2025-03-03',
    statusChanges: 1,
    consultantId: null,
    interests: [],
    workWishes: [],
    benefitCategory: 'EDUCATION_READY',
    barriers: [],
    researchConsent: NO_CONSENT,
    version: 1,
    ...overrides,
  };
}

function rowOf(youth: Youth, timeline: DatedStatus[], until: string) {
  return evaluationRowsOf(
    {
      pseudonym: createPseudonymiser('k'.repeat(32))(youth.id),
      youth,
      timeline,
      placements: [],
      attendance: { present: 0, absent: 0, excused: 0 },
    },
    until,
  ).youth;
}

describe('the evaluation columns of issue #21', () => {
  // Monday 3 March 2025: two weeks enrolled, four paused, then a placement and a job.
  const timeline: DatedStatus[] = [
    { status: 'ENROLLED', date: '2025-03-03' },
    { status: 'PAUSED', date: '2025-03-17' },
    { status: 'IN_PLACEMENT', date: '2025-04-14' },
    { status: 'IN_JOB', date: '2025-07-14' },
  ];

  it('counts the weeks on passive support in the first 52 weeks once the first year is complete', () => {
    // Act: the first year ends on Sunday 1 March 2026
    const before = rowOf(aYouth(), timeline, '2026-02-28');
    const complete = rowOf(aYouth(), timeline, '2026-03-01');
    // Assess
    expect(before.weeksOnPassiveSupport).toBeNull();
    expect(complete.weeksOnPassiveSupport).toBe(2 + 4);
  });

  it('gives the covariates as recorded at enrolment, not as changed since', () => {
    // Prepare: education and category changed after enrolment
    const youth = aYouth({
      gender: 'MALE',
      highestCompletedEducation: 'ERHVERVSFAGLIG',
      benefitCategory: 'EDUCATION_READY',
      atEnrolment: {
        gender: 'NOT_STATED',
        highestCompletedEducation: 'GRUNDSKOLE',
        benefitCategory: 'ACTIVITY_READY',
      },
    });
    // Act
    const row = rowOf(youth, timeline, '2026-03-01');
    // Assess
    expect(row).toMatchObject({
      gender: 'NOT_STATED',
      highestCompletedEducation: 'GRUNDSKOLE',
      benefitCategoryAtEnrolment: 'ACTIVITY_READY',
      benefitCategory: 'EDUCATION_READY',
    });
  });

  it('leaves the covariates empty for a young person enrolled before they were kept', () => {
    // Act
    const row = rowOf(aYouth({ gender: 'FEMALE' }), timeline, '2026-03-01');
    // Assess: unknown, not guessed from today's values
    expect(row.gender).toBeNull();
    expect(row.highestCompletedEducation).toBeNull();
    expect(row.benefitCategoryAtEnrolment).toBeNull();
  });
});
