import { describe, expect, it } from 'vitest';
import { noMinutes } from '#kernel/activity-log';
import {
  ageBandOf,
  evaluationRowsOf,
  PlacementsColumnsSchema,
} from '#people/domain/evaluation-export-rows';
import { createCompanyPseudonymiser, createPseudonymiser } from '#people/domain/pseudonym';
import { NO_CONSENT, type Youth } from '#people/domain/youth';

function aYouth(overrides: Partial<Youth> = {}): Youth {
  return {
    id: 'y-unit',
    municipalityCode: '630',
    name: 'Karla Lund',
    dateOfBirth: '2000-06-15',
    phone: '+4599887766',
    email: null,
    enrolledAt: '2026-03-02',
    status: 'ENROLLED',
    statusChangedAt: '2026-03-02',
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

describe('evaluation export rows', () => {
  it.each([
    [15, '15-17'],
    [17, '15-17'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-29'],
    [29, '25-29'],
    [30, '30+'],
    [34, '30+'],
  ])('puts age %i in band %s', (age, band) => {
    // Act
    const actual = ageBandOf(age);
    // Assess
    expect(actual).toBe(band);
  });

  it('keeps only the whitelisted facts of a placement (a note a handler might add is dropped)', () => {
    // Prepare
    const answer = {
      placements: [
        {
          startDate: '2026-03-09',
          endDate: '2026-06-09',
          status: 'INTERRUPTED',
          outcomeKind: 'DROPPED_OUT',
          outcomeDate: '2026-04-01',
          companyId: 'c-secret',
          learningReflection: 'Det gik ikke med mesteren',
          followUps: [{ step: 'FOLLOW_UP_3_MONTHS', outcomeKind: 'JOB', notes: 'Ringede' }],
        },
      ],
    };
    // Act
    const parsed = PlacementsColumnsSchema.parse(answer);
    // Assess: the company's id is kept only to be replaced by its pseudonym (#21), never a row's
    expect(JSON.stringify(parsed)).not.toMatch(/mesteren|Ringede/);
    const rows = evaluationRowsOf(
      {
        pseudonym: 'p',
        youth: aYouth({ enrolledAt: '2026-03-02' }),
        timeline: [],
        placements: parsed.placements,
        attendance: { present: 0, absent: 0, excused: 0 },
        companyPseudonymOf: createCompanyPseudonymiser('k'.repeat(32)),
      },
      '2026-11-01',
    );
    expect(JSON.stringify(rows)).not.toMatch(/c-secret|mesteren|Ringede/);
    expect(rows.placements[0]?.companyPseudonym).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses free text where a code belongs', () => {
    // Prepare
    const answer = {
      placements: [{ startDate: '2026-03-09', endDate: '2026-06-09', status: 'Freja stopped' }],
    };
    // Act
    const parsed = PlacementsColumnsSchema.safeParse(answer);
    // Assess
    expect(parsed.success).toBe(false);
  });

  it('leaves follow-ups whose day has not come empty, and placements not yet started out', () => {
    // Prepare
    const youth = aYouth();
    const timeline = [
      { status: 'ENROLLED' as const, date: '2026-03-02' },
      { status: 'IN_EDUCATION' as const, date: '2026-05-04' },
      { status: 'ENROLLED' as const, date: '2026-08-03' },
    ];
    // Act
    const rows = evaluationRowsOf(
      {
        pseudonym: createPseudonymiser('k'.repeat(32))(youth.id),
        youth,
        timeline,
        placements: [
          { startDate: '2026-03-09', endDate: '2026-06-09', status: 'COMPLETED', followUps: [] },
          { startDate: '2026-12-01', endDate: '2027-03-01', status: 'PLANNED', followUps: [] },
        ],
        attendance: { present: 1, absent: 0, excused: 0 },
      },
      '2026-09-30',
    );
    // Assess
    expect(rows.youth).toMatchObject({
      ageBandAtEnrolment: '25-29',
      enrolmentMonth: '2026-03',
      placementCount: 1,
      inEducationOrJobAfterEnrolment: {
        after3Months: true,
        after6Months: false,
        after12Months: null,
      },
      fallBacks: 1,
      statusAtEnd: 'UNKNOWN',
    });
    expect(rows.placements).toHaveLength(1);
    expect(rows.placements[0]?.inEducationOrJobAfterEnd).toEqual({
      after3Months: false,
      after6Months: null,
      after12Months: null,
    });
  });

  it('refuses a pseudonym key shorter than 32 characters', () => {
    // Act / Assess
    expect(() => createPseudonymiser('short')).toThrow(/too short/);
  });
});

describe('the age exception column', () => {
  it.each([
    ['17 with a reason recorded', '2008-06-01', 'Henvist som 17-årig', true],
    ['21 with a reason recorded all the same', '2004-03-14', 'Henvist af jobcentret', false],
    ['21 and no reason', '2004-03-14', null, false],
  ])(
    'says whether enrolled outside 18–29 with a reason (%s), never the reason',
    (_what, dateOfBirth, reason, expected) => {
      // Prepare
      const youth = aYouth({ dateOfBirth, ageExceptionReason: reason });
      // Act
      const rows = evaluationRowsOf(
        {
          pseudonym: createPseudonymiser('k'.repeat(32))(youth.id),
          youth,
          timeline: [{ status: 'ENROLLED' as const, date: youth.enrolledAt }],
          placements: [],
          attendance: { present: 0, absent: 0, excused: 0 },
        },
        '2026-09-30',
      );
      // Assess
      expect(rows.youth.enrolledWithAgeException).toBe(expected);
      expect(JSON.stringify(rows)).not.toContain('Henvist');
    },
  );

  it('carries the staff minutes about the young person, in all and by kind (#21)', () => {
    // Prepare
    const youth = aYouth();
    const minutes = noMinutes();
    minutes.minutes = 75;
    minutes.byKind.COMPANY_VISIT = 45;
    minutes.byKind.PHONE_FOLLOW_UP = 30;
    const subject = {
      pseudonym: 'p',
      youth,
      timeline: [{ status: 'ENROLLED' as const, date: youth.enrolledAt }],
      placements: [],
      attendance: { present: 0, absent: 0, excused: 0 },
    };
    // Act
    const logged = evaluationRowsOf({ ...subject, staffMinutes: minutes }, '2026-09-30');
    const none = evaluationRowsOf(subject, '2026-09-30');
    // Assess
    expect(logged.youth.staffMinutes).toBe(75);
    expect(logged.youth.staffMinutesByKind).toMatchObject({
      COMPANY_VISIT: 45,
      PHONE_FOLLOW_UP: 30,
      OTHER: 0,
    });
    expect(none.youth.staffMinutes).toBe(0);
  });
});
