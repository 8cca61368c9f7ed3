import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';

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

/** A link as read before a write. */
export interface LinkState {
  youthId: string;
  companyId: string;
  item: Item | undefined;
}

/** Reads a link strongly consistent before a write that changes its reasons. */
export async function readLink(
  table: Table,
  youthId: string,
  companyId: string,
): Promise<LinkState> {
  return {
    youthId,
    companyId,
    item: await table.get(sharedKeys.youthCompanyLink(youthId, companyId)),
  };
}

/** Whether a link exists, through the request's loader (batched with other reads). */
export async function linkExists(
  loader: ItemLoader,
  youthId: string,
  companyId: string,
): Promise<boolean> {
  return (await loader.load(sharedKeys.youthCompanyLink(youthId, companyId))) !== undefined;
}

function reasonsOf(item: Item | undefined): Set<string> {
  const reasons = item?.reasons;
  if (reasons instanceof Set) return new Set([...reasons].map(String));
  if (Array.isArray(reasons)) return new Set(reasons.map(String));
  return new Set();
}

/**
 * The transaction action that adds and removes reasons of a link, on condition that nobody
 * changed it since it was read; null when nothing changes. The item is deleted when no reason
 * is left.
 *
 * @param link - the link as read
 * @param change - reasons to add and to remove
 */
export function linkAction(
  link: LinkState,
  change: { add?: string[]; remove?: string[] },
): TransactAction | null {
  const before = reasonsOf(link.item);
  const after = new Set(before);
  for (const reason of change.remove ?? []) after.delete(reason);
  for (const reason of change.add ?? []) after.add(reason);
  const same = before.size === after.size && [...after].every((reason) => before.has(reason));
  if (same) return null;
  const linkKey = sharedKeys.youthCompanyLink(link.youthId, link.companyId);
  const version = link.item ? Number(link.item.version ?? 0) : 0;
  // Items written without a version (the demo seeder's) are taken as version 0.
  const unchanged = !link.item
    ? itemMustNotExist
    : link.item.version === undefined
      ? {
          expression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
          names: { '#version': 'version' },
        }
      : versionIs(version);
  if (after.size === 0) return { delete: linkKey, condition: unchanged };
  return {
    put: {
      ...linkKey,
      entity: 'YouthCompanyLink',
      youthId: link.youthId,
      companyId: link.companyId,
      reasons: after,
      version: version + 1,
    },
    condition: unchanged,
  };
}
