import type { AudienceRules } from '#kernel/audience';
import { isStaffOf } from '#kernel/authorisation';
import type { Identity } from '#kernel/identity';
import { groupAudience } from './group-access.ts';
import type { NetworkGroup } from './network-group.ts';
import type { WorkStory } from './work-story.ts';

/**
 * In what capacity a caller looks at a work story:
 *
 * - `SELF`: the young person whose story it is;
 * - `TEAM`: the team of their municipality;
 * - `GROUP`: a member of the group the young person shared it with;
 * - `COMPANY`: a contact person of the company the young person shared it with, while the
 *   company and the young person are tied (`#kernel/youth-company-link`), and not after.
 *
 * A private story has no `GROUP` or `COMPANY` audience; nobody else sees any story.
 */
export type StoryAudience = 'SELF' | 'TEAM' | 'GROUP' | 'COMPANY';

const EVERY_STORY_AUDIENCE = [
  'SELF',
  'TEAM',
  'GROUP',
  'COMPANY',
] as const satisfies readonly StoryAudience[];

/** The story's own account and when it was written, without where else it is shared. */
const OWNER_TEAM_AND_COMPANY = [
  'SELF',
  'TEAM',
  'COMPANY',
] as const satisfies readonly StoryAudience[];

const OWNER_AND_TEAM = ['SELF', 'TEAM'] as const satisfies readonly StoryAudience[];

function ownerOrTeam(identity: Identity, story: WorkStory): StoryAudience | null {
  if (identity.role === 'YOUTH' && identity.youthId === story.youthId) return 'SELF';
  return isStaffOf(identity, story.municipalityCode) ? 'TEAM' : null;
}

/**
 * Whether the caller's audience for a story depends on the group it is shared with (so that a
 * rule loads the group only when it must): for anyone but the owner and the team, of a shared
 * story.
 */
export function storyAudienceNeedsGroup(identity: Identity, story: WorkStory): boolean {
  return ownerOrTeam(identity, story) === null && story.sharedWithGroupId !== undefined;
}

/**
 * Whether the caller's audience for a story depends on the youth–company link (so that a rule
 * reads the link only when it must): for a contact person of the company the story is shared
 * with.
 */
export function storyAudienceNeedsLink(identity: Identity, story: WorkStory): boolean {
  return (
    identity.role === 'COMPANY_CONTACT' &&
    story.sharedWithCompanyId !== undefined &&
    identity.companyId === story.sharedWithCompanyId
  );
}

/**
 * The caller's audience for a story, or null.
 *
 * @param identity - the verified caller
 * @param story - the story
 * @param sharedWith - the group it is shared with, when {@link storyAudienceNeedsGroup} says
 *   it is needed
 * @param companyTiedNow - whether the company the story is shared with is tied to the young
 *   person now, when {@link storyAudienceNeedsLink} says it is needed
 */
export function storyAudience(
  identity: Identity,
  story: WorkStory,
  sharedWith: NetworkGroup | undefined,
  companyTiedNow = false,
): StoryAudience | null {
  const own = ownerOrTeam(identity, story);
  if (own) return own;
  if (storyAudienceNeedsLink(identity, story)) return companyTiedNow ? 'COMPANY' : null;
  const shared = sharedWith && sharedWith.id === story.sharedWithGroupId;
  return shared && groupAudience(identity, sharedWith) === 'MEMBER' ? 'GROUP' : null;
}

/**
 * Who may read each field of `WorkStory` (and find it by id): the young person, their team and
 * the group or company it is shared with; who helped write it is not for the group or the
 * company, the group it is shared with not for the company, the company not for the group.
 */
export const WORK_STORY_FIELD_ACCESS = {
  id: EVERY_STORY_AUDIENCE,
  youth: EVERY_STORY_AUDIENCE,
  placement: EVERY_STORY_AUDIENCE,
  whatIDid: EVERY_STORY_AUDIENCE,
  whatIWasGoodAt: EVERY_STORY_AUDIENCE,
  whatIWantNext: EVERY_STORY_AUDIENCE,
  authorship: EVERY_STORY_AUDIENCE,
  writtenWith: OWNER_AND_TEAM,
  sharedWithGroup: ['SELF', 'TEAM', 'GROUP'],
  createdAt: EVERY_STORY_AUDIENCE,
  updatedAt: EVERY_STORY_AUDIENCE,
  version: EVERY_STORY_AUDIENCE,
  sharedWithCompany: OWNER_TEAM_AND_COMPANY,
} as const satisfies AudienceRules<StoryAudience>;

/**
 * Who may run each mutation on an existing story: the young person and their team change its
 * text; only the young person decides whether to share it.
 */
export const WORK_STORY_MUTATION_ACCESS = {
  updateWorkStory: OWNER_AND_TEAM,
  shareWorkStory: ['SELF'],
} as const satisfies AudienceRules<StoryAudience>;
