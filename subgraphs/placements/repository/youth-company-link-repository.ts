import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import { type Condition, itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { TransactAction } from '#kernel/table/table';
import { linkReason } from '#kernel/youth-company-link';

/**
 * The youth–company link (`sharedKeys.youthCompanyLink`): owned by placements, read by every
 * subgraph that shows a company a young person, through `#kernel/youth-company-link` (which
 * also names the reasons: `PLACEMENT#<id>`, `WISH#<id>`, `INVITATION#<id>#UNTIL#<answer-by>`).
 * The item goes when the last reason does.
 */

/**
 * The reasons an invitation may have left on a link: today's, and the one written before the
 * answer-by time was kept on it, so that ending the invitation removes either.
 *
 * @param invitation - the invitation's id and answer-by time
 */
export function invitationReasons(invitation: { id: string; answerBy: string }): string[] {
  return [linkReason.invitation(invitation.id, invitation.answerBy), `INVITATION#${invitation.id}`];
}

/** A youth–company link as stored. */
export const YouthCompanyLinkSchema = z.object({
  youthId: z.string(),
  companyId: z.string(),
  reasons: z.array(z.string()),
  /** Null for links written without a version (the demo seeder's). */
  version: z.number().int().nullable(),
});

/** A youth–company link. */
export type YouthCompanyLink = z.infer<typeof YouthCompanyLinkSchema>;

function reasonsOf(raw: unknown): string[] {
  if (raw instanceof Set) return [...raw].map(String);
  if (Array.isArray(raw)) return raw.map(String);
  return [];
}

/** The link of a young person and a company; its reasons are stored as a string set. */
export const YouthCompanyLinkEntity = defineEntity<YouthCompanyLink>({
  name: 'YouthCompanyLink',
  schema: YouthCompanyLinkSchema,
  key: (link) => sharedKeys.youthCompanyLink(link.youthId, link.companyId),
  extra: (link) => ({ reasons: new Set(link.reasons) }),
  decode: (item) => ({
    youthId: item.pk.slice(item.pk.indexOf('#') + 1),
    companyId: item.sk.slice(item.sk.lastIndexOf('#') + 1),
    reasons: reasonsOf(item.reasons),
    version: typeof item.version === 'number' ? item.version : null,
  }),
});

/** A link as read before a write: the link, or undefined when none exists yet. */
export interface LinkState {
  youthId: string;
  companyId: string;
  link: YouthCompanyLink | undefined;
}

/** Reads a link strongly consistent before a write that changes its reasons. */
export async function loadLink(
  loader: ItemLoader,
  youthId: string,
  companyId: string,
): Promise<LinkState> {
  const link = await YouthCompanyLinkEntity.loadOne(
    loader,
    sharedKeys.youthCompanyLink(youthId, companyId),
  );
  return { youthId, companyId, link };
}

/** The link is as it was read: absent, unversioned, or at the version read. */
function unchanged(link: YouthCompanyLink | undefined): Condition {
  if (!link) return itemMustNotExist;
  if (link.version === null) {
    return {
      expression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
      names: { '#version': 'version' },
    };
  }
  return versionIs(link.version);
}

/**
 * The transaction action that adds and removes reasons of a link, on condition that nobody
 * changed it since it was read; null when nothing changes. The item is deleted when no reason
 * is left.
 *
 * @param state - the link as read
 * @param change - reasons to add and to remove
 */
export function linkAction(
  state: LinkState,
  change: { add?: string[]; remove?: string[] },
): TransactAction | null {
  const before = new Set(state.link?.reasons ?? []);
  const after = new Set(before);
  for (const reason of change.remove ?? []) after.delete(reason);
  for (const reason of change.add ?? []) after.add(reason);
  const same = before.size === after.size && [...after].every((reason) => before.has(reason));
  if (same) return null;
  const condition = unchanged(state.link);
  if (after.size === 0) {
    return { delete: sharedKeys.youthCompanyLink(state.youthId, state.companyId), condition };
  }
  return {
    put: YouthCompanyLinkEntity.toItem({
      youthId: state.youthId,
      companyId: state.companyId,
      reasons: [...after],
      version: (state.link?.version ?? 0) + 1,
    }),
    condition,
  };
}
