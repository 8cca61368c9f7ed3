import type { ItemLoader } from '#kernel/entity-loader';
import { sharedKeys } from '#kernel/shared-keys';
import type { Condition } from '#kernel/table/expressions';
import type { Item } from '#kernel/table/table';

/**
 * Items other subgraphs own, read only through `sharedKeys` and only for the attributes its
 * TSDoc promises. Reads go through the request's loader, so that many are one batch.
 */

/** What this subgraph may know of a young person. */
export interface YouthFacts {
  id: string;
  municipalityCode: string;
  status: string;
  /** The job centre's benefit category (`ACTIVITY_READY`, `EDUCATION_READY`), if recorded. */
  benefitCategory: string | null;
}

/** What this subgraph may know of a company. */
export interface CompanyFacts {
  id: string;
  municipalityCode: string;
  status: 'ACTIVE' | 'PAUSED' | 'LEFT' | string;
}

/** What this subgraph may know of a placement opportunity. */
export interface OpportunityFacts {
  id: string;
  companyId: string;
  municipalityCode: string;
  open: boolean;
  places: number;
}

/** What this subgraph may know of a company's contact person. */
export interface ContactFacts {
  id: string;
  companyId: string;
}

async function loadAll(loader: ItemLoader, keys: Parameters<ItemLoader['load']>[0][]) {
  const items = await loader.loadMany(keys);
  return items.map((item) => {
    if (item instanceof Error) throw item;
    return item;
  });
}

/** Young people's facts by id; undefined where none exists. */
export async function loadYouthFacts(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<YouthFacts | undefined>> {
  const items = await loadAll(loader, ids.map(sharedKeys.youth));
  return items.map((item, i) =>
    item
      ? {
          id: ids[i] as string,
          municipalityCode: String(item.municipalityCode),
          status: String(item.status),
          benefitCategory: item.benefitCategory ? String(item.benefitCategory) : null,
        }
      : undefined,
  );
}

/** Companies' facts by id; undefined where none exists. */
export async function loadCompanyFacts(
  loader: ItemLoader,
  ids: readonly string[],
): Promise<Array<CompanyFacts | undefined>> {
  const items = await loadAll(loader, ids.map(sharedKeys.company));
  return items.map((item, i) =>
    item
      ? {
          id: ids[i] as string,
          municipalityCode: String(item.municipalityCode),
          status: String(item.status),
        }
      : undefined,
  );
}

/** An opportunity's facts; undefined when none exists. */
export async function loadOpportunityFacts(
  loader: ItemLoader,
  id: string,
): Promise<OpportunityFacts | undefined> {
  const item: Item | undefined = await loader.load(sharedKeys.opportunity(id));
  if (!item) return undefined;
  return {
    id,
    companyId: String(item.companyId),
    municipalityCode: String(item.municipalityCode),
    open: item.open === true,
    places: Number(item.places ?? 0),
  };
}

/** A contact person's facts; undefined when none exists. */
export async function loadContactFacts(
  loader: ItemLoader,
  id: string,
): Promise<ContactFacts | undefined> {
  const item = await loader.load(sharedKeys.contact(id));
  return item ? { id, companyId: String(item.companyId) } : undefined;
}

/** Condition that a company is still taking part in the network (`ACTIVE`). */
export function companyIsActive(): Condition {
  return {
    expression: '#status = :activeStatus',
    names: { '#status': 'status' },
    values: { ':activeStatus': 'ACTIVE' },
  };
}

/**
 * Condition that an opportunity is still open, still the company's, and still offers the number
 * of places the occupancy check was made against.
 *
 * @param facts - the opportunity as read
 */
export function opportunityUnchangedAndOpen(facts: OpportunityFacts): Condition {
  return {
    expression: '#open = :open AND #places = :places AND #companyId = :companyId',
    names: { '#open': 'open', '#places': 'places', '#companyId': 'companyId' },
    values: { ':open': true, ':places': facts.places, ':companyId': facts.companyId },
  };
}

/**
 * Condition that an opportunity still belongs to the company and is open (a wish or an
 * invitation for it).
 *
 * @param companyId - the company it must belong to
 */
export function opportunityOpenAt(companyId: string): Condition {
  return {
    expression: '#open = :open AND #companyId = :companyId',
    names: { '#open': 'open', '#companyId': 'companyId' },
    values: { ':open': true, ':companyId': companyId },
  };
}

/** Condition that a contact person still belongs to the company. */
export function contactBelongsTo(companyId: string): Condition {
  return {
    expression: '#companyId = :companyId',
    names: { '#companyId': 'companyId' },
    values: { ':companyId': companyId },
  };
}
