import type { Connection } from '#kernel/connection';
import type { ItemLoader } from '#kernel/entity-loader';
import type { ListingReader, PageRequest } from '#kernel/listing';
import type { UnitOfWork } from '#kernel/unit-of-work';
import type { ProspectStatus } from '../domain/company-prospect.ts';
import type { CompanyProspect } from '../domain/company-prospect-record.ts';
import {
  CompanyProspectEntity,
  prospectKey,
  prospectsOfMunicipality,
} from './company-prospect-entity.ts';

/** A prospect through the request's loader (strongly consistent); undefined when none. */
export function loadProspect(
  loader: ItemLoader,
  prospectId: string,
): Promise<CompanyProspect | undefined> {
  return CompanyProspectEntity.loadOne(loader, prospectKey(prospectId));
}

/**
 * One page of a municipality's pipeline, newest first (one query on gsi1, or gsi2 for a status).
 *
 * @param reader - the request's table, cursor codec and loader
 * @param municipalityCode - the municipality
 * @param status - only this status, or every status
 * @param page - page size and cursor
 */
export function listProspectsOfMunicipality(
  reader: ListingReader,
  municipalityCode: string,
  status: ProspectStatus | undefined,
  page: PageRequest,
): Promise<Connection<CompanyProspect>> {
  return CompanyProspectEntity.page(
    reader,
    prospectsOfMunicipality(municipalityCode, status),
    page,
  );
}

/** Stages a new prospect (version 1). */
export function stageProspectAdded(work: UnitOfWork, prospect: CompanyProspect): CompanyProspect {
  return work.create(CompanyProspectEntity, prospect);
}

/**
 * Stages a prospect's new state if it is still at the version read (two steps recorded at once
 * cannot both commit; the loser runs again on a fresh read).
 *
 * @param work - the unit of work
 * @param before - the prospect as read
 * @param after - the prospect as it is to be
 * @returns the prospect as stored
 */
export function stageProspectChange(
  work: UnitOfWork,
  before: CompanyProspect,
  after: CompanyProspect,
): CompanyProspect {
  return work.replace(CompanyProspectEntity, before, after);
}
