import { lengthInWeeks } from './lifecycle.ts';
import type { LifecycleConfig } from './lifecycle-config.ts';
import type { Placement } from './placement.ts';
import { broken, RULE } from './rules.ts';

/** Where an outcome decision (`recordPlacementOutcome`) carries the new end and the kind. */
const DECISION_PATHS = { limit: ['outcome', 'newEndDate'], category: ['outcome', 'kind'] };

/** What the team records to justify an extension beyond the base length. */
export interface ExtensionJustification {
  /** An individual assessment ("individuel vurdering") was made. */
  individualAssessment: boolean;
  /** The special need that justifies going beyond the assessed length, in the team's words. */
  specialNeed: string | null;
}

/**
 * Refuses an extension that would make the placement longer than the young person's benefit
 * category allows: up to the base length freely, up to the assessed length after an individual
 * assessment, beyond that only with a recorded special need and at most one further step
 * beyond the current end at a time.
 *
 * @param placement - the placement as it is
 * @param newEndDate - the new last day asked for
 * @param benefitCategory - the young person's benefit category (people's `benefitCategory`)
 * @param justification - the assessment and special need recorded with the extension
 * @param config - the lifecycle configuration
 * @param paths - the input fields of the new end and of the category, for the errors
 */
export function requireExtensionWithinLimit(
  placement: Placement,
  newEndDate: string,
  benefitCategory: string | null,
  justification: ExtensionJustification,
  config: LifecycleConfig,
  paths: { limit: string[]; category: string[] } = DECISION_PATHS,
): void {
  const path = paths.limit;
  const limit =
    benefitCategory && benefitCategory in config.extensionLimits
      ? config.extensionLimits[benefitCategory as keyof LifecycleConfig['extensionLimits']]
      : undefined;
  if (!limit) {
    throw broken(
      RULE.BENEFIT_CATEGORY_UNKNOWN,
      "The young person's benefit category is not known, so the extension limit cannot be checked",
      paths.category,
    );
  }
  const total = lengthInWeeks(placement.startDate, newEndDate);
  if (total <= limit.baseWeeks) return;
  if (total <= limit.assessedWeeks) {
    if (justification.individualAssessment) return;
    throw broken(
      RULE.EXTENSION_LIMIT_EXCEEDED,
      `Beyond ${limit.baseWeeks} weeks a placement needs an individual assessment`,
      path,
    );
  }
  if (!justification.specialNeed) {
    throw broken(
      RULE.EXTENSION_LIMIT_EXCEEDED,
      `Beyond ${limit.assessedWeeks} weeks a placement needs a recorded special need`,
      path,
    );
  }
  if (lengthInWeeks(placement.endDate, newEndDate) > limit.specialNeedStepWeeks) {
    throw broken(
      RULE.EXTENSION_LIMIT_EXCEEDED,
      `Beyond ${limit.assessedWeeks} weeks a placement is extended at most ${limit.specialNeedStepWeeks} weeks at a time`,
      path,
    );
  }
}

/**
 * Refuses a new placement longer than its young person's benefit category allows without an
 * individual assessment (`baseWeeks`): a longer one is agreed as an extension, with its
 * assessment. A young person whose category is not recorded gets the shortest base length of
 * any category, so the check never lets through what a recorded category would refuse.
 *
 * @param startDate - the first day
 * @param endDate - the last day
 * @param benefitCategory - the young person's benefit category, if recorded
 * @param config - the lifecycle configuration
 */
export function requireNewPlacementWithinLimit(
  startDate: string,
  endDate: string,
  benefitCategory: string | null,
  config: LifecycleConfig,
): void {
  const limits = config.extensionLimits;
  const known =
    benefitCategory && benefitCategory in limits
      ? limits[benefitCategory as keyof LifecycleConfig['extensionLimits']]
      : undefined;
  const baseWeeks = known?.baseWeeks ?? Math.min(...Object.values(limits).map((l) => l.baseWeeks));
  if (lengthInWeeks(startDate, endDate) > baseWeeks) {
    throw broken(
      RULE.PLACEMENT_LENGTH_LIMIT_EXCEEDED,
      `A new placement lasts at most ${baseWeeks} weeks${known ? ` for ${benefitCategory}` : ''}; a longer one is an extension after an individual assessment`,
      ['endDate'],
    );
  }
}
