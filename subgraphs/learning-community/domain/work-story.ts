import * as z from 'zod';
import { DomainRuleError } from '#kernel/errors';
import { EntityIdSchema, MunicipalityCodeSchema, textSchema } from '#kernel/validation';
import { isMember, type NetworkGroup } from './network-group.ts';

/** Who wrote a work story: the young person alone, or with a member of the team. */
export const WorkStoryAuthorshipSchema = z.enum(['YOUTH', 'WITH_STAFF']);

/** One of the three parts of a story. */
const storyText = textSchema();

/**
 * A young person's own account of a work experience ("arbejdsfortælling"). Private to the young
 * person and their municipality's team unless the young person shares it with one of their
 * groups (`sharedWithGroupId`) or with the company of their current placement
 * (`sharedWithCompanyId`, chosen through `sharedThroughPlacementId`).
 */
export const WorkStorySchema = z.object({
  id: EntityIdSchema,
  youthId: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  placementId: EntityIdSchema.optional(),
  whatIDid: storyText,
  whatIWasGoodAt: storyText,
  whatIWantNext: storyText,
  authorship: WorkStoryAuthorshipSchema,
  writtenWithStaffId: EntityIdSchema.optional(),
  sharedWithGroupId: EntityIdSchema.optional(),
  /** The company the young person shared the story with; its contacts read it while tied. */
  sharedWithCompanyId: EntityIdSchema.optional(),
  /** The planned or running placement through which the story was shared with its company. */
  sharedThroughPlacementId: EntityIdSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});

/** A young person's work story. */
export type WorkStory = z.infer<typeof WorkStorySchema>;

/** The parts of a story's text that can change. */
export const WorkStoryTextSchema = z.object({
  whatIDid: storyText,
  whatIWasGoodAt: storyText,
  whatIWantNext: storyText,
});

/**
 * Checks that a young person may share a story with a group: a youth group they are a member
 * of, in their municipality.
 *
 * @param youthId - the young person
 * @param group - the group chosen, or undefined when no such group exists
 * @param path - the input field the group came from
 */
export function assertCanShareWith(
  youthId: string,
  group: NetworkGroup | undefined,
  path: string[],
): NetworkGroup {
  if (group?.kind !== 'YOUTH' || !isMember(group, youthId)) {
    throw new DomainRuleError(
      'NOT_YOUR_GROUP',
      'A story can be shared only with a youth group the young person is a member of',
      path,
    );
  }
  return group;
}

/**
 * Checks that a story names one of the young person's own placements. A placement of someone
 * else, of another municipality or of no one gets one answer, so that the answer tells nobody
 * whether a placement they may not see exists.
 *
 * @param youthId - the young person whose story it is
 * @param placement - the placement named, as its owner's item says; undefined when none exists
 * @param path - the input field the placement came from
 */
export function assertOwnPlacement(
  youthId: string,
  placement: { youthId: string } | undefined,
  path: string[],
): void {
  if (placement?.youthId !== youthId) {
    throw new DomainRuleError(
      'PLACEMENT_NOT_FOUND',
      'The young person has no placement with this id',
      path,
    );
  }
}

/** Placement statuses in which the young person is placed at the company (planned or running). */
const CURRENT_PLACEMENT_STATUSES: readonly string[] = ['PLANNED', 'ACTIVE', 'EXTENDED'];

/**
 * Checks that a young person may share a story with the company of a placement: the placement
 * is their own (anything else gets the answer an unknown id gets) and planned or running.
 *
 * @param youthId - the young person whose story it is
 * @param placement - the placement named, as its owner's item says; undefined when none exists
 * @param path - the input field the placement came from
 * @returns the company to share the story with
 */
export function companyToShareWith(
  youthId: string,
  placement: { youthId: string; companyId: string; status: string } | undefined,
  path: string[],
): string {
  assertOwnPlacement(youthId, placement, path);
  if (!placement || !CURRENT_PLACEMENT_STATUSES.includes(placement.status)) {
    throw new DomainRuleError(
      'PLACEMENT_NOT_CURRENT',
      'A story can be shared only with the company of a planned or running placement',
      path,
    );
  }
  return placement.companyId;
}
