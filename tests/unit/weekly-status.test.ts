import { describe, expect, it } from 'vitest';
import {
  type DatedStatus,
  fallBacks,
  firstYearEndOf,
  inEducationOrJobAfter,
  isoWeekOf,
  isPassiveSupport,
  statusOn,
  weeklyStatusOn,
  weeklyStatusSeries,
  weekStartOf,
  weeksInEducationOrJob,
  youthOutcomes,
} from '#people/domain/weekly-status';
import type { YouthStatus } from '#people/domain/youth';

function history(...entries: Array<[YouthStatus, string]>): DatedStatus[] {
  return entries.map(([status, date]) => ({ status, date }));
}

describe('weekly status: ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01', '2025-12-29'],
    ['2025-12-29', '2026-W01', '2025-12-29'],
    ['2026-01-05', '2026-W02', '2026-01-05'],
    ['2026-01-11', '2026-W02', '2026-01-05'],
    ['2027-01-01', '2026-W53', '2026-12-28'],
    ['2024-12-30', '2025-W01', '2024-12-30'],
  ])('puts %s in %s starting %s', (date, week, monday) => {
    // Act
    const label = isoWeekOf(date);
    const start = weekStartOf(date);
    // Assess
    expect(label).toBe(week);
    expect(start).toBe(monday);
  });
});

describe('weekly status: the series', () => {
  it('runs from the week of enrolment to the week of the day observed, ENROLLED as UNKNOWN', () => {
    // Prepare: enrolled on a Wednesday, in placement from the next Tuesday
    const changes = history(['ENROLLED', '2026-01-07'], ['IN_PLACEMENT', '2026-01-13']);
    // Act
    const series = weeklyStatusSeries('2026-01-07', changes, '2026-01-28');
    // Assess
    expect(series).toEqual([
      { week: '2026-W02', weekStart: '2026-01-05', status: 'UNKNOWN' },
      { week: '2026-W03', weekStart: '2026-01-12', status: 'IN_PLACEMENT' },
      { week: '2026-W04', weekStart: '2026-01-19', status: 'IN_PLACEMENT' },
      { week: '2026-W05', weekStart: '2026-01-26', status: 'IN_PLACEMENT' },
    ]);
  });

  it("takes a week's status at its end and ignores changes after the day observed", () => {
    // Prepare: a job from Friday of the first week; exit after the day observed
    const changes = history(
      ['ENROLLED', '2026-01-05'],
      ['IN_JOB', '2026-01-09'],
      ['EXITED', '2026-02-20'],
    );
    // Act
    const series = weeklyStatusSeries('2026-01-05', changes, '2026-01-14');
    // Assess
    expect(series.map((week) => week.status)).toEqual(['IN_JOB', 'IN_JOB']);
  });

  it('shows the status on the day observed for the week not yet ended', () => {
    // Prepare: paused on Thursday, observed on Wednesday of the same week
    const changes = history(['ENROLLED', '2026-01-05'], ['PAUSED', '2026-01-15']);
    // Act
    const series = weeklyStatusSeries('2026-01-05', changes, '2026-01-14');
    // Assess
    expect(series.at(-1)?.status).toBe('UNKNOWN');
  });

  it('is empty before enrolment and UNKNOWN without history', () => {
    // Act
    const before = weeklyStatusSeries('2026-02-01', [], '2026-01-01');
    const noHistory = weeklyStatusSeries('2026-01-05', [], '2026-01-12');
    // Assess
    expect(before).toEqual([]);
    expect(noHistory.map((week) => week.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
  });

  it('keeps EXITED to the end and accepts the history in any order', () => {
    // Prepare
    const changes = history(['EXITED', '2026-01-14'], ['ENROLLED', '2026-01-05']);
    // Act
    const series = weeklyStatusSeries('2026-01-05', changes, '2026-02-02');
    // Assess
    expect(series.map((week) => week.status)).toEqual([
      'UNKNOWN',
      'EXITED',
      'EXITED',
      'EXITED',
      'EXITED',
    ]);
  });
});

describe('weekly status: measures', () => {
  it('gives the status in force on a day and of the week holding it', () => {
    // Prepare
    const changes = history(['ENROLLED', '2026-01-05'], ['IN_EDUCATION', '2026-01-08']);
    // Act and assess
    expect(statusOn(changes, '2026-01-04')).toBeNull();
    expect(statusOn(changes, '2026-01-07')).toBe('ENROLLED');
    expect(statusOn(changes, '2026-01-08')).toBe('IN_EDUCATION');
    expect(weeklyStatusOn('2026-01-05', changes, '2026-01-05')).toBe('IN_EDUCATION');
    expect(weeklyStatusOn('2026-01-05', changes, '2025-12-31')).toBeNull();
  });

  it('follows up 3, 6 and 12 months after a day', () => {
    // Prepare: education from March, back in the programme in August
    const changes = history(
      ['ENROLLED', '2026-01-15'],
      ['IN_EDUCATION', '2026-03-02'],
      ['ENROLLED', '2026-08-03'],
    );
    // Act and assess
    expect(inEducationOrJobAfter('2026-01-15', changes, '2026-01-15', 3)).toBe(true);
    expect(inEducationOrJobAfter('2026-01-15', changes, '2026-01-15', 6)).toBe(true);
    expect(inEducationOrJobAfter('2026-01-15', changes, '2026-01-15', 12)).toBe(false);
  });

  it('counts weeks in education or job and falls back to no activity, not to an exit', () => {
    // Prepare
    const fellBack = weeklyStatusSeries(
      '2026-01-05',
      history(['ENROLLED', '2026-01-05'], ['IN_JOB', '2026-01-12'], ['PAUSED', '2026-01-26']),
      '2026-02-08',
    );
    const leftFromJob = weeklyStatusSeries(
      '2026-01-05',
      history(['ENROLLED', '2026-01-05'], ['IN_JOB', '2026-01-12'], ['EXITED', '2026-01-26']),
      '2026-02-08',
    );
    // Act and assess
    expect(weeksInEducationOrJob(fellBack)).toBe(2);
    expect(fallBacks(fellBack)).toBe(1);
    expect(fallBacks(leftFromJob)).toBe(0);
  });

  it('derives the outcomes of a history independently of today', () => {
    // Prepare: a job within three months, still in it
    const changes = history(
      ['ENROLLED', '2026-01-05'],
      ['IN_PLACEMENT', '2026-01-19'],
      ['IN_JOB', '2026-03-16'],
    );
    // Act
    const outcomes = youthOutcomes('2026-01-05', changes);
    // Assess
    expect(outcomes).toEqual({
      leftForEducationOrJob: true,
      inEducationOrJobAfter: { 3: true, 6: true, 12: true },
      weeksInEducationOrJobFirstYear: 52 - 10,
      fellBack: false,
      // The first two weeks, enrolled with nothing recorded (#21).
      weeksOnPassiveSupportFirstYear: 2,
    });
  });

  it('counts weeks enrolled with nothing recorded and paused weeks as passive support, never exited ones', () => {
    // Prepare: two weeks enrolled, three paused, a placement for four, then exited
    const changes = history(
      ['ENROLLED', '2026-01-05'],
      ['PAUSED', '2026-01-19'],
      ['IN_PLACEMENT', '2026-02-09'],
      ['EXITED', '2026-03-09'],
    );
    // Act
    const outcomes = youthOutcomes('2026-01-05', changes);
    // Assess
    expect(outcomes.weeksOnPassiveSupportFirstYear).toBe(2 + 3);
    expect(isPassiveSupport('UNKNOWN')).toBe(true);
    expect(isPassiveSupport('PAUSED')).toBe(true);
    for (const status of ['IN_PLACEMENT', 'IN_EDUCATION', 'IN_JOB', 'EXITED'] as const) {
      expect(isPassiveSupport(status), status).toBe(false);
    }
  });

  it('counts only the first 52 weeks as the first year', () => {
    // Prepare: enrolled on a Wednesday, never anything else
    const changes = history(['ENROLLED', '2026-01-07']);
    // Act
    const outcomes = youthOutcomes('2026-01-07', changes);
    // Assess: the first year ends on the Sunday of the 52nd week from the week of enrolment
    expect(outcomes.weeksOnPassiveSupportFirstYear).toBe(52);
    expect(firstYearEndOf('2026-01-07')).toBe('2027-01-03');
  });

  it('sees a fall back however long after enrolment it happens', () => {
    // Prepare: education two years after enrolment, then back in the programme
    const changes = history(
      ['ENROLLED', '2026-01-05'],
      ['IN_EDUCATION', '2028-01-03'],
      ['ENROLLED', '2028-02-07'],
    );
    // Act
    const outcomes = youthOutcomes('2026-01-05', changes);
    // Assess
    expect(outcomes.fellBack).toBe(true);
    expect(outcomes.leftForEducationOrJob).toBe(true);
    expect(outcomes.weeksInEducationOrJobFirstYear).toBe(0);
  });
});
