import { defineEntity, type EntityListing } from '#kernel/entity';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { ProspectStatus } from '../domain/company-prospect.ts';
import { type CompanyProspect, CompanyProspectSchema } from '../domain/company-prospect-record.ts';

/**
 * A prospect's item, `PROSPECT#<id>` / `PROSPECT`. Its municipality's pipeline lists it twice,
 * by id (ids sort by creation, so read backwards the newest comes first): on gsi1 under
 * `MUNI#<code>#PROSPECT` with every status, and on gsi2 under `MUNI#<code>#PROSPECT#<status>`,
 * so a status filter is a partition of its own rather than a filter over the whole pipeline.
 */
export function prospectKey(prospectId: string): ItemKey {
  return { pk: key(PREFIX.prospect, prospectId), sk: PREFIX.prospect };
}

function pipelinePartition(municipalityCode: string): string {
  return key(PREFIX.municipality, municipalityCode, PREFIX.prospect);
}

/** A company the team is recruiting. */
export const CompanyProspectEntity = defineEntity<CompanyProspect>({
  name: 'CompanyProspect',
  schema: CompanyProspectSchema,
  key: (prospect) => prospectKey(prospect.id),
  indexes: {
    gsi1: (prospect) => ({ pk: pipelinePartition(prospect.municipalityCode), sk: prospect.id }),
    gsi2: (prospect) => ({
      pk: key(pipelinePartition(prospect.municipalityCode), prospect.status),
      sk: prospect.id,
    }),
  },
});

/**
 * A municipality's pipeline, newest first, all or of one status; the scope names both, so a
 * cursor works in its own list only.
 *
 * @param municipalityCode - the municipality
 * @param status - only this status, or every status
 */
export function prospectsOfMunicipality(
  municipalityCode: string,
  status: ProspectStatus | undefined,
): EntityListing {
  const partition = status
    ? key(pipelinePartition(municipalityCode), status)
    : pipelinePartition(municipalityCode);
  return {
    query: { index: status ? 'gsi2' : 'gsi1', partition, forward: false },
    scope: key(partition, status ?? 'ALL'),
  };
}
