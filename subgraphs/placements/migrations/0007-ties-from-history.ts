import type { CursorKey } from '#kernel/cursor';
import { key, PREFIX } from '#kernel/keys';
import type { Migration } from '#kernel/migrations/migration';
import type { Table, TransactAction } from '#kernel/table/table';
import {
  companyCompanyTieAdded,
  foldYouthCompanyContacts,
  youthCompanyTieMerged,
} from '#kernel/ties';
import { contactsOfRecords, sharedPlacementContacts } from '../domain/tie-history.ts';
import { readIntroductionsOfYouth } from '../repository/introduction-repository.ts';
import { readAllInvitationsOfYouth } from '../repository/invitation-repository.ts';
import { readPlacementsOfYouth } from '../repository/placement-repository.ts';
import { listMunicipalityCodes, YouthFactsEntity } from '../repository/shared-items.ts';
import { readAllWishesOfYouth } from '../repository/wish-repository.ts';

const PAGE = 25;
const TRANSACTION_LIMIT = 100;

/**
 * The tie updates one young person's records make: one merged update per company they are tied
 * to, and both sides of each tie between companies that hosted their placements.
 */
async function tiesOfYouth(table: Table, youthId: string): Promise<TransactAction[]> {
  const [wishes, invitations, placements, introductions] = await Promise.all([
    readAllWishesOfYouth(table, youthId),
    readAllInvitationsOfYouth(table, youthId),
    readPlacementsOfYouth(table, youthId),
    readIntroductionsOfYouth(table, youthId),
  ]);
  const ties = foldYouthCompanyContacts(
    contactsOfRecords({ wishes, invitations, placements, introductions }),
  );
  // Two placements of the same pair of companies tie them once per placement: one update each
  // side per pair, the sources folded.
  const companyPairs = new Map<string, TransactAction[]>();
  for (const contact of sharedPlacementContacts(placements)) {
    const pair = [contact.companyId, contact.otherCompanyId].sort().join('|');
    if (!companyPairs.has(pair)) companyPairs.set(pair, companyCompanyTieAdded(contact));
  }
  return [...ties.map(youthCompanyTieMerged), ...[...companyPairs.values()].flat()];
}

/**
 * Ties from history (#20): the ties that the wishes, invitations, placements and introductions
 * stored before ties were kept would have made, with their ways, days and interests, on the
 * indexes that list them for a company and a municipality. Every write only adds to string sets,
 * so it commutes with the live commands writing the same ties meanwhile and a second run changes
 * nothing. Young people are read a page at a time per municipality, the checkpoint saved after
 * each page.
 */
export const tiesFromHistory: Migration = {
  id: '0007',
  description: 'placements: youth–company and company–company ties derived from stored records',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom;
    for (const code of (await listMunicipalityCodes(table)).sort()) {
      if (from && code < String(from.code)) continue;
      let startKey: CursorKey | undefined =
        from && code === String(from.code) && from.after
          ? (JSON.parse(String(from.after)) as CursorKey)
          : undefined;
      if (from && code === String(from.code) && !from.after) continue;
      do {
        const page = await table.query({
          index: 'gsi1',
          partition: key(PREFIX.municipality, code, PREFIX.youth),
          limit: PAGE,
          ...(startKey ? { startKey } : {}),
        });
        let touched = 0;
        for (const item of page.items) {
          const actions = await tiesOfYouth(table, YouthFactsEntity.fromItem(item).id);
          // Each young person's ties are distinct items; the other side of a company pair may be
          // shared with another young person, but never within one young person's actions.
          for (let start = 0; start < actions.length; start += TRANSACTION_LIMIT) {
            await table.transact(actions.slice(start, start + TRANSACTION_LIMIT));
          }
          touched += actions.length;
        }
        startKey = page.lastKey;
        await checkpoint.save({ code, after: startKey ? JSON.stringify(startKey) : '' }, touched);
      } while (startKey);
    }
  },
};
