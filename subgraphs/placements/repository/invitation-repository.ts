import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { Table } from '#kernel/table/table';
import type { Invitation } from '../domain/invitation.ts';
import {
  InvitationEntity,
  invitationKey,
  invitationsOfCompanyPartition,
  invitationsOfYouthPartition,
} from './invitation-entity.ts';

/** Invitations by id through the request's batching loader; undefined where none exists. */
export function loadInvitations(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<Invitation | undefined>> {
  return InvitationEntity.load(loader, ids.map(invitationKey));
}

/** One invitation, through the loader (strongly consistent) (for a write that follows). */
export function loadInvitation(loader: ItemLoader, id: string): Promise<Invitation | undefined> {
  return InvitationEntity.loadOne(loader, invitationKey(id));
}

/** Every invitation a young person received (a handful by design), strongly consistent. */
export function readAllInvitationsOfYouth(table: Table, youthId: string): Promise<Invitation[]> {
  return InvitationEntity.readAll(table, {
    index: 'gsi1',
    partition: invitationsOfYouthPartition(youthId),
  });
}

/** A page of a young person's invitations, newest first (one query of gsi1). */
export function listInvitationsByYouth(
  reader: ListingReader,
  youthId: string,
  page: PageRequest,
): Promise<Connection<Invitation>> {
  const partition = invitationsOfYouthPartition(youthId);
  return InvitationEntity.page(
    reader,
    { query: { index: 'gsi1', partition, forward: false }, scope: partition },
    page,
  );
}

/** A page of a company's invitations, newest first (one query of gsi2). */
export function listInvitationsByCompany(
  reader: ListingReader,
  companyId: string,
  page: PageRequest,
): Promise<Connection<Invitation>> {
  const partition = invitationsOfCompanyPartition(companyId);
  return InvitationEntity.page(
    reader,
    { query: { index: 'gsi2', partition, forward: false }, scope: partition },
    page,
  );
}
