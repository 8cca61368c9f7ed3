import { describe, expect, it } from 'vitest';
import { FIXED_LIST_SIZES } from '#gateway/query-cost';
import { median } from '#people/domain/direction-figures';
import { byWhenAnswered } from '#people/domain/self-assessment';
import {
  allSelfAssessmentItemKeys,
  currentSelfAssessmentVersion,
  selfAssessmentVersions,
} from '#people/domain/self-assessment-items';

describe('the self-assessment items in configuration', () => {
  it('number their versions 1, 2, … and give each item a unique key and both wordings', () => {
    // Act
    const versions = selfAssessmentVersions();
    // Assess
    expect(versions.map(({ version }) => version)).toEqual(versions.map((_, index) => index + 1));
    for (const { items } of versions) {
      expect(new Set(items.map(({ key }) => key)).size).toBe(items.length);
      for (const item of items) {
        expect(item.key).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(item.da.trim()).not.toBe('');
        expect(item.en.trim()).not.toBe('');
      }
    }
    expect(currentSelfAssessmentVersion()).toBe(versions.at(-1));
  });

  it('let a new version reword or add items but never drop one, so change compares per key', () => {
    // Act
    const versions = selfAssessmentVersions();
    // Assess
    for (let index = 1; index < versions.length; index++) {
      const now = new Set(versions[index]?.items.map(({ key }) => key));
      for (const { key } of versions[index - 1]?.items ?? []) expect(now.has(key)).toBe(true);
    }
  });

  it('are priced by the gateway at their number', () => {
    expect(FIXED_LIST_SIZES['DirectionStats.items']).toBe(allSelfAssessmentItemKeys().length);
  });
});

describe('the median of changes', () => {
  it('is the middle value, or the mean of the two middle ones, to two decimals', () => {
    expect(median([])).toBeNull();
    expect(median([3, -1, 2])).toBe(2);
    expect(median([0.1 + 0.2, 1, -1, 2])).toBe(0.65);
  });
});

describe('the order of answers', () => {
  it('is by instant, and answers of the same instant by occasion, enrolment first', () => {
    // Prepare
    const at = '2026-11-26T10:00:00.000Z';
    const answers = [
      { recordedAt: at, occasion: 'FOLLOW_UP' as const },
      { recordedAt: '2026-11-25T10:00:00.000Z', occasion: 'CHECKPOINT' as const },
      { recordedAt: at, occasion: 'ENROLMENT' as const },
    ];
    // Act
    const ordered = [...answers].sort(byWhenAnswered);
    // Assess
    expect(ordered.map(({ occasion }) => occasion)).toEqual([
      'CHECKPOINT',
      'ENROLMENT',
      'FOLLOW_UP',
    ]);
  });
});
