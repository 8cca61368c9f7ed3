import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { answeredById, defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { DomainRuleError, NotFoundError, requireVersion } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { EntityIdSchema, ExpectedVersionSchema } from '#kernel/validation';
import { loadGroup } from '../repository/network-group-repository.ts';
import { loadSharedPlacement, loadSharedYouth } from '../repository/shared-items-repository.ts';
import { WorkStoryEntity } from '../repository/work-story-entity.ts';
import { loadStory } from '../repository/work-story-repository.ts';
import {
  assertCanShareWith,
  assertOwnPlacement,
  companyToShareWith,
  type WorkStory,
  WorkStoryTextSchema,
} from './work-story.ts';

/** Input of `writeWorkStory`. */
export const WriteWorkStoryInputSchema = WorkStoryTextSchema.extend({
  youthId: EntityIdSchema,
  placementId: EntityIdSchema.nullish(),
  shareWithGroupId: EntityIdSchema.nullish(),
});

/** Input of `updateWorkStory`. */
export const UpdateWorkStoryInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  whatIDid: WorkStoryTextSchema.shape.whatIDid.nullish(),
  whatIWasGoodAt: WorkStoryTextSchema.shape.whatIWasGoodAt.nullish(),
  whatIWantNext: WorkStoryTextSchema.shape.whatIWantNext.nullish(),
});

/** Input of `shareWorkStory`. */
export const ShareWorkStoryInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  groupId: EntityIdSchema.nullish(),
  companyOfPlacementId: EntityIdSchema.nullish(),
});

/** How a change answering with the record remembers it, and answers a repeat. */
const answeredWithStory = answeredById('The work story', (context, id) =>
  loadStory(context.loader, id),
);

/** Who writes a story: the young person, or a member of their municipality's team with them. */
interface Author {
  municipalityCode: string;
  writtenWithStaffId?: string;
}

/**
 * The author of a new story, with the municipality the story belongs to: the young person's,
 * as their own record says (a token names who asks, not where they belong). The rule admits a
 * young person for their own story and a team member for a young person of their municipality;
 * a young person with no record is a rule error.
 */
async function authorOf(
  context: SubgraphContext,
  identity: Identity,
  youthId: string,
): Promise<Author> {
  const [youth] = await loadSharedYouth(context.loader, [youthId]);
  if (!youth) {
    throw new DomainRuleError('YOUTH_NOT_FOUND', `There is no young person ${youthId}`, [
      'youthId',
    ]);
  }
  return {
    municipalityCode: youth.municipalityCode,
    ...('staffId' in identity ? { writtenWithStaffId: identity.staffId } : {}),
  };
}

/**
 * A story for a change, read strongly consistent at the version the caller read: unknown is
 * `NOT_FOUND`, another version `CONFLICT` naming the current one.
 */
async function storyToChange(
  context: SubgraphContext,
  storyId: string,
  expectedVersion: number,
): Promise<WorkStory> {
  const story = await loadStory(context.loader, storyId);
  if (!story) throw new NotFoundError('No such work story');
  requireVersion('The work story', expectedVersion, story.version);
  return story;
}

/**
 * Writes a new story. Only the young person may choose to share it; a team member who names a
 * group gets a rule error.
 */
export const writeWorkStoryCommand = defineCommand({
  name: 'writeWorkStory',
  input: WriteWorkStoryInputSchema,
  async execute(context, input, work) {
    // The young person and the placement named are read in one batch.
    const [author, placement] = await Promise.all([
      authorOf(context, requireIdentity(context), input.youthId),
      input.placementId ? loadSharedPlacement(context.loader, input.placementId) : undefined,
    ]);
    if (input.shareWithGroupId) {
      if (author.writtenWithStaffId) {
        throw new DomainRuleError(
          'ONLY_THE_YOUNG_PERSON_SHARES',
          'Only the young person decides whether to share their story',
          ['shareWithGroupId'],
        );
      }
      const group = await loadGroup(context.loader, input.shareWithGroupId);
      assertCanShareWith(input.youthId, group, ['shareWithGroupId']);
    }
    if (input.placementId) assertOwnPlacement(input.youthId, placement, ['placementId']);
    const now = context.now().toISOString();
    return work.create(WorkStoryEntity, {
      id: newId(context.now().getTime()),
      youthId: input.youthId,
      municipalityCode: author.municipalityCode,
      ...(input.placementId ? { placementId: input.placementId } : {}),
      whatIDid: input.whatIDid,
      whatIWasGoodAt: input.whatIWasGoodAt,
      whatIWantNext: input.whatIWantNext,
      authorship: author.writtenWithStaffId ? 'WITH_STAFF' : 'YOUTH',
      ...(author.writtenWithStaffId ? { writtenWithStaffId: author.writtenWithStaffId } : {}),
      ...(input.shareWithGroupId ? { sharedWithGroupId: input.shareWithGroupId } : {}),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  },
  ...answeredWithStory,
});

/** Changes a story's text (the young person, or their municipality's team). */
export const updateWorkStoryCommand = defineCommand({
  name: 'updateWorkStory',
  input: UpdateWorkStoryInputSchema,
  async execute(context, input, work) {
    const story = await storyToChange(context, input.id, input.expectedVersion);
    return work.change(WorkStoryEntity, story, {
      ...(input.whatIDid ? { whatIDid: input.whatIDid } : {}),
      ...(input.whatIWasGoodAt ? { whatIWasGoodAt: input.whatIWasGoodAt } : {}),
      ...(input.whatIWantNext ? { whatIWantNext: input.whatIWantNext } : {}),
      updatedAt: context.now().toISOString(),
    });
  },
  ...answeredWithStory,
});

/**
 * Sets with whom a story is shared: one of the young person's youth groups, the company of
 * their planned or running placement, both, or nobody. What the input leaves out is no longer
 * shared, so leaving a group or the company out takes the story out of its listing and ends its
 * access. The young person alone decides.
 */
export const shareWorkStoryCommand = defineCommand({
  name: 'shareWorkStory',
  input: ShareWorkStoryInputSchema,
  async execute(context, input, work) {
    const story = await storyToChange(context, input.id, input.expectedVersion);
    if (input.groupId) {
      const group = await loadGroup(context.loader, input.groupId);
      assertCanShareWith(story.youthId, group, ['groupId']);
    }
    const companyId = input.companyOfPlacementId
      ? companyToShareWith(
          story.youthId,
          await loadSharedPlacement(context.loader, input.companyOfPlacementId),
          ['companyOfPlacementId'],
        )
      : undefined;
    return work.change(WorkStoryEntity, story, {
      sharedWithGroupId: input.groupId ?? undefined,
      sharedWithCompanyId: companyId,
      sharedThroughPlacementId: companyId ? (input.companyOfPlacementId ?? undefined) : undefined,
      updatedAt: context.now().toISOString(),
    });
  },
  ...answeredWithStory,
});
