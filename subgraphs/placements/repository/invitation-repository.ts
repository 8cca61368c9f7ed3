import { type Connection, toConnection } from '#kernel/connection';
import type { CursorCodec } from '#kernel/cursor';
import type { ItemLoader } from '#kernel/entity-loader';
import { itemMustNotExist, versionIs } from '#kernel/table/expressions';
import type { Item, Table, TransactAction } from '#kernel/table/table';
import type { Invitation } from '../domain/invitation.ts';
import {
  invitationFromItem,
  invitationKey,
  invitationsOfCompanyPartition,
  invitationsOfYouthPartition,
  invitationToItem,
} from './invitation-entity.ts';
import { pageRequest } from './paging.ts';

/** Invitations by id through the request's batching loader; undefined where none exists. */
export async function loadInvitations(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<Invitation | undefined>> {
  const items = await loader.loadMany(ids.map(invitationKey));
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item ? invitationFromItem(item) : undefined;
  });
}

/** One invitation, read strongly consistent (for a write that follows). */
export async function readInvitation(table: Table, id: string): Promise<Invitation | undefined> {
  const item = await table.get(invitationKey(id));
  return item ? invitationFromItem(item) : undefined;
}

async function listInvitations(
  table: Table,
  cursors: CursorCodec,
  index: 'gsi1' | 'gsi2',
  partition: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Invitation>> {
  const page = await table.query({
    index,
    partition,
    forward: false,
    ...pageRequest(cursors, partition, first, after),
  });
  const position = (item: Item) => ({
    pk: item.pk,
    sk: item.sk,
    [`${index}pk`]: String(item[`${index}pk`]),
    [`${index}sk`]: String(item[`${index}sk`]),
  });
  return toConnection(page, invitationFromItem, position, cursors, partition);
}

/** A page of a young person's invitations, newest first (one query of gsi1). */
export function listInvitationsByYouth(
  table: Table,
  cursors: CursorCodec,
  youthId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Invitation>> {
  return listInvitations(
    table,
    cursors,
    'gsi1',
    invitationsOfYouthPartition(youthId),
    first,
    after,
  );
}

/** A page of a company's invitations, newest first (one query of gsi2). */
export function listInvitationsByCompany(
  table: Table,
  cursors: CursorCodec,
  companyId: string,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Invitation>> {
  return listInvitations(
    table,
    cursors,
    'gsi2',
    invitationsOfCompanyPartition(companyId),
    first,
    after,
  );
}

/**
 * The action that writes an invitation: a new one on condition it does not exist, a changed
 * one on condition its version is the one read.
 *
 * @param before - the invitation as read, or null when it is new
 * @param after - the invitation as it becomes
 */
export function invitationWriteAction(
  before: Invitation | null,
  after: Invitation,
): { action: TransactAction; stored: Invitation } {
  const stored = { ...after, version: before ? before.version + 1 : 1 };
  return {
    action: {
      put: invitationToItem(stored),
      condition: before ? versionIs(before.version) : itemMustNotExist,
    },
    stored,
  };
}
