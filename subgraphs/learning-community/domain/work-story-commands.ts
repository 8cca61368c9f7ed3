import * as z from 'zod';
import { isStaffOf, requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { ConflictError, DomainRuleError, ForbiddenError, NotFoundError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';
import { isStaffRole, type StaffIdentity } from '#kernel/identity';
import { newId } from '#kernel/keys';
import { EntityIdSchema } from '#kernel/validation';
import { getGroup } from '../repository/network-group-repository.ts';
import { loadSharedYouth } from '../repository/shared-items-repository.ts';
import { createStory, getStory, saveStory } from '../repository/work-story-repository.ts';
import { assertCanShareWith, type WorkStory, WorkStoryTextSchema } from './work-story.ts';

/** Input of `writeWorkStory`. */
export const WriteWorkStoryInputSchema = WorkStoryTextSchema.extend({
  youthId: EntityIdSchema,
  placementId: EntityIdSchema.nullish(),
  shareWithGroupId: EntityIdSchema.nullish(),
});

/** Input of `updateWorkStory`. */
export const UpdateWorkStoryInputSchema = WorkStoryTextSchema.partial().extend({
  id: EntityIdSchema,
  version: z.number().int().min(1),
  whatIDid: WorkStoryTextSchema.shape.whatIDid.nullish(),
  whatIWasGoodAt: WorkStoryTextSchema.shape.whatIWasGoodAt.nullish(),
  whatIWantNext: WorkStoryTextSchema.shape.whatIWantNext.nullish(),
});

/** Input of `shareWorkStory`. */
export const ShareWorkStoryInputSchema = z.object({
  id: EntityIdSchema,
  groupId: EntityIdSchema.nullish(),
});

/**
 * Who writes a story and in which municipality: a young person only their own (anyone else's is
 * `FORBIDDEN`); a team member with a young person of their own municipality.
 */
async function authorOf(
  context: SubgraphContext,
  identity: Identity,
  youthId: string,
): Promise<{ municipalityCode: string; staff?: StaffIdentity }> {
  if (identity.role === 'YOUTH') {
    if (identity.youthId !== youthId) {
      throw new ForbiddenError('A young person writes only their own work stories');
    }
    return { municipalityCode: identity.municipalityCode };
  }
  if (!isStaffRole(identity.role)) {
    throw new ForbiddenError('Only the young person or their team writes work stories');
  }
  const staff = identity as StaffIdentity;
  const [youth] = await loadSharedYouth(context.loader, [youthId]);
  if (!youth)
    throw new DomainRuleError('YOUTH_NOT_FOUND', `There is no young person ${youthId}`, [
      'youthId',
    ]);
  if (youth.municipalityCode !== staff.municipalityCode) {
    throw new ForbiddenError('This young person belongs to another municipality');
  }
  return { municipalityCode: youth.municipalityCode, staff };
}

/**
 * Writes a new story. Only the young person may choose to share it; a team member who names a
 * group gets a rule error.
 */
export async function writeWorkStory(
  context: SubgraphContext,
  input: z.infer<typeof WriteWorkStoryInputSchema>,
): Promise<WorkStory> {
  const identity = requireIdentity(context);
  const author = await authorOf(context, identity, input.youthId);
  if (input.shareWithGroupId) {
    if (author.staff) {
      throw new DomainRuleError(
        'ONLY_THE_YOUNG_PERSON_SHARES',
        'Only the young person decides whether to share their story',
        ['shareWithGroupId'],
      );
    }
    assertCanShareWith(input.youthId, await getGroup(context.table, input.shareWithGroupId), [
      'shareWithGroupId',
    ]);
  }
  const now = context.now();
  const story: WorkStory = {
    id: newId(now.getTime()),
    youthId: input.youthId,
    municipalityCode: author.municipalityCode,
    ...(input.placementId ? { placementId: input.placementId } : {}),
    whatIDid: input.whatIDid,
    whatIWasGoodAt: input.whatIWasGoodAt,
    whatIWantNext: input.whatIWantNext,
    authorship: author.staff ? 'WITH_STAFF' : 'YOUTH',
    ...(author.staff ? { writtenWithStaffId: author.staff.staffId } : {}),
    ...(input.shareWithGroupId ? { sharedWithGroupId: input.shareWithGroupId } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await createStory(context.table, story);
  return story;
}

/** A story for a change: the young person's own, or one of the team's municipality. */
async function storyForChange(
  context: SubgraphContext,
  storyId: string,
  version?: number,
): Promise<WorkStory> {
  const identity = requireIdentity(context);
  const story = await getStory(context.table, storyId);
  if (!story) throw new NotFoundError('No such work story');
  const own = identity.role === 'YOUTH' && identity.youthId === story.youthId;
  if (!own && !isStaffOf(identity, story.municipalityCode)) {
    throw new ForbiddenError('This work story is not yours to change');
  }
  if (version !== undefined && version !== story.version) throw new ConflictError();
  return story;
}

/** Changes a story's text (the young person, or their municipality's team). */
export async function updateWorkStory(
  context: SubgraphContext,
  input: z.infer<typeof UpdateWorkStoryInputSchema>,
): Promise<WorkStory> {
  const story = await storyForChange(context, input.id, input.version);
  const after: WorkStory = {
    ...story,
    ...(input.whatIDid ? { whatIDid: input.whatIDid } : {}),
    ...(input.whatIWasGoodAt ? { whatIWasGoodAt: input.whatIWasGoodAt } : {}),
    ...(input.whatIWantNext ? { whatIWantNext: input.whatIWantNext } : {}),
    updatedAt: context.now().toISOString(),
    version: story.version + 1,
  };
  await saveStory(context.table, story, after);
  return after;
}

/**
 * Shares a story with one of the young person's youth groups, or makes it private again. The
 * young person alone decides: anyone else, their team included, is `FORBIDDEN`.
 */
export async function shareWorkStory(
  context: SubgraphContext,
  input: z.infer<typeof ShareWorkStoryInputSchema>,
): Promise<WorkStory> {
  const identity = requireIdentity(context);
  const story = await storyForChange(context, input.id);
  if (identity.role !== 'YOUTH') {
    throw new ForbiddenError('Only the young person decides whether to share their story');
  }
  if (input.groupId) {
    assertCanShareWith(story.youthId, await getGroup(context.table, input.groupId), ['groupId']);
  }
  const { sharedWithGroupId: _previous, ...rest } = story;
  const after: WorkStory = {
    ...rest,
    ...(input.groupId ? { sharedWithGroupId: input.groupId } : {}),
    updatedAt: context.now().toISOString(),
    version: story.version + 1,
  };
  await saveStory(context.table, story, after);
  return after;
}
