import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import { type Condition, itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { TransactAction } from '#kernel/table/table';

/**
 * The youth–company link (`sharedKeys.youthCompanyLink`): owned by placements, read by people
 * to let a company's contacts see a young person's work profile while an invitation or a
 * placement ties them. Its `reasons` set names each tie (`PLACEMENT#<id>`, `INVITATION#<id>`);
 * the item goes when the last reason does.
 */

/** The reason an invitation gives for a link. */
export function invitationReason(invitationId: string): string {
  return `INVITATION#${invitationId}`;
}

/** The reason a placement gives for a link. */
export function placementReason(placementId: string): string {
  return `PLACEMENT#${placementId}`;
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

/** Whether a link exists, through the request's loader (batched with other reads). */
export async function linkExists(
  loader: ItemLoader,
  youthId: string,
  companyId: string,
): Promise<boolean> {
  const link = await YouthCompanyLinkEntity.loadOne(
    loader,
    sharedKeys.youthCompanyLink(youthId, companyId),
  );
  return link !== undefined;
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
