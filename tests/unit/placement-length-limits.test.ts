import { describe, expect, it } from 'vitest';
import { DomainRuleError } from '#kernel/errors';
import {
  requireExtensionWithinLimit,
  requireNewPlacementWithinLimit,
} from '#placements/domain/extension-limit';
import { LIFECYCLE_CONFIG } from '#placements/domain/lifecycle-config';
import { aPlacement } from '../support/placements-factories.ts';

function refusal(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainRuleError) return error.userError;
    throw error;
  }
  return undefined;
}

describe('placements domain: placement length by benefit category (LAB § 61)', () => {
  it('creates a placement of up to 13 weeks for either category, and refuses a longer one naming the limit', () => {
    // Act
    const within = refusal(() =>
      requireNewPlacementWithinLimit(
        '2026-01-01',
        '2026-04-02',
        'EDUCATION_READY',
        LIFECYCLE_CONFIG,
      ),
    );
    const beyond = refusal(() =>
      requireNewPlacementWithinLimit(
        '2026-01-01',
        '2026-04-09',
        'ACTIVITY_READY',
        LIFECYCLE_CONFIG,
      ),
    );
    // Assess
    expect(within).toBeUndefined();
    expect(beyond).toMatchObject({ code: 'PLACEMENT_LENGTH_LIMIT_EXCEEDED' });
    expect(beyond?.message).toContain('13 weeks for ACTIVITY_READY');
  });

  it('holds a young person without a recorded category to the shortest base length', () => {
    // Prepare
    const config = {
      ...LIFECYCLE_CONFIG,
      extensionLimits: {
        ...LIFECYCLE_CONFIG.extensionLimits,
        EDUCATION_READY: { baseWeeks: 4, assessedWeeks: 26, specialNeedStepWeeks: 13 },
      },
    };
    // Act
    const unknown = refusal(() =>
      requireNewPlacementWithinLimit('2026-01-01', '2026-02-12', null, config),
    );
    // Assess
    expect(unknown).toMatchObject({ code: 'PLACEMENT_LENGTH_LIMIT_EXCEEDED' });
    expect(unknown?.message).toContain('at most 4 weeks');
  });

  it('extends with extendPlacement up to 26 weeks only after an individual assessment, on its own input fields', () => {
    // Prepare
    const placement = aPlacement({ startDate: '2026-01-01', endDate: '2026-04-01' });
    const paths = { limit: ['newEndDate'], category: ['placementId'] };
    const extend = (
      newEndDate: string,
      individualAssessment: boolean,
      category = 'EDUCATION_READY',
    ) =>
      refusal(() =>
        requireExtensionWithinLimit(
          placement,
          newEndDate,
          category,
          { individualAssessment, specialNeed: null },
          LIFECYCLE_CONFIG,
          paths,
        ),
      );
    // Act / Assess
    expect(extend('2026-05-01', false)).toMatchObject({
      code: 'EXTENSION_LIMIT_EXCEEDED',
      path: ['newEndDate'],
    });
    expect(extend('2026-05-01', true)).toBeUndefined();
    expect(extend('2026-08-01', true)).toMatchObject({ code: 'EXTENSION_LIMIT_EXCEEDED' });
    expect(extend('2026-05-01', true, 'UNKNOWN')).toMatchObject({
      code: 'BENEFIT_CATEGORY_UNKNOWN',
      path: ['placementId'],
    });
  });
});
