import type { Migration } from '#kernel/migrations/migration';
import { addMissingCounts } from '#kernel/migrations/missing-counts';
import { monthCounterAttribute } from '#kernel/month-counters';
import type { Table } from '#kernel/table/table';
import { SUGGESTION_COUNTERS, type SuggestionMonthCounts } from '../domain/suggestion-figures.ts';
import { recountSuggestionMonths } from '../maintenance/recount.ts';
import {
  groupCountsKey,
  networkCounterNames,
  suggestionMonthsOf,
} from '../repository/network-stats-entity.ts';
import {
  listMunicipalityCodes,
  readNetworkCounters,
} from '../repository/network-stats-repository.ts';

/**
 * The suggestion figures (made by each side, answered, acted on, as month counters on the
 * network counter item) started after suggestions themselves: suggestions stored before were
 * never counted. This brings each municipality's suggestion counters up to what its suggestions
 * (and erased young people's stubs) add up to, by the same `suggestionContribution` the commands
 * and the recount use. Old suggestions were never counted, so a counter only ever lacks: the
 * migration adds what is missing and never takes away.
 *
 * A municipality's suggestion counters are one set: counted together and the difference ADDed on
 * condition that they still hold what was read (`addCorrection`), so a suggestion made or
 * answered by a live request meanwhile is never lost (the condition fails and the municipality
 * is read again) and a second run finds nothing to add. The counter item is read before the
 * suggestions: a write committed after that read changes a counter the condition holds. Only
 * the suggestion counters are compared; the others are the recount's. The checkpoint is the last
 * municipality done.
 */
export const countStoredSuggestions = {
  id: '0011',
  description: 'learning community: suggestions stored before the suggestion figures counted',
  async run(table, checkpoint) {
    const from = checkpoint.resumeFrom ? String(checkpoint.resumeFrom.code) : undefined;
    for (const code of await listMunicipalityCodes(table)) {
      if (from !== undefined && code <= from) continue;
      const touched = await bringForward(table, code);
      await checkpoint.save({ code }, touched);
    }
  },
} satisfies Migration;

/** Corrects one municipality's suggestion counters; 1 when it changed them, 0 when they held. */
async function bringForward(table: Table, code: string): Promise<number> {
  const key = groupCountsKey(code);
  const names = networkCounterNames(code);
  return addMissingCounts(table, { key, names, counting: `suggestion (${code})` }, async () => {
    const kept = suggestionMonthsOf(await readNetworkCounters(table, code));
    const recounted = await recountSuggestionMonths(table, code);
    return { kept: suggestionAttributes(kept), recounted: suggestionAttributes(recounted) };
  });
}

/** The suggestion counters of a municipality's months, by the attribute that holds them. */
function suggestionAttributes(
  months: ReadonlyMap<string, SuggestionMonthCounts>,
): Record<string, number> {
  const attributes: Record<string, number> = {};
  for (const [month, counters] of months) {
    for (const counter of SUGGESTION_COUNTERS) {
      if (counters[counter] !== 0)
        attributes[monthCounterAttribute(month, counter)] = counters[counter];
    }
  }
  return attributes;
}
