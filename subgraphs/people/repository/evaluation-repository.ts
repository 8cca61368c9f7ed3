import type { CursorKey } from '#kernel/cursor';
import type { Table } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';
import type { Youth } from '../domain/youth.ts';
import { municipalityYouthPartition, statusTimelineOf, YouthEntity } from './youth-entity.ts';
import { listStatusHistory } from './youth-repository.ts';

/** A young person as the evaluation export reads them: the profile and the dated status timeline. */
export interface EvaluationYouth {
  youth: Youth;
  timeline: DatedStatus[];
}

/** One page of a municipality's young people for the export, and where the next begins. */
export interface EvaluationYouthPage {
  youth: EvaluationYouth[];
  next?: CursorKey;
}

/** Young people per page: one dispatcher call per subgraph and page (at most 1000 ids a call). */
export const EVALUATION_PAGE_SIZE = 100;

/**
 * One page of a municipality's young people, from its gsi1 listing (projection ALL: the profile
 * with its status timeline, so no read per young person) — never a scan. The export pages with
 * the table's own position, not a client's cursor: it reads the whole listing in one request,
 * and needs the timeline, an attribute of the item the `Youth` value does not hold. Only
 * profiles are returned; the caller filters by consent and enrolment.
 *
 * @param table - the table
 * @param municipalityCode - the municipality
 * @param startKey - where the page begins (the previous page's `next`)
 */
export async function readEvaluationYouthPage(
  table: Table,
  municipalityCode: string,
  startKey?: CursorKey,
): Promise<EvaluationYouthPage> {
  const page = await table.query({
    index: 'gsi1',
    partition: municipalityYouthPartition(municipalityCode),
    limit: EVALUATION_PAGE_SIZE,
    ...(startKey ? { startKey } : {}),
  });
  const youth = await Promise.all(
    page.items
      .filter((item) => item.entity === YouthEntity.name)
      .map(async (item) => {
        const profile = YouthEntity.fromItem(item);
        // A profile written before profiles kept a timeline: one query of its history items.
        const timeline =
          statusTimelineOf(item) ??
          (await listStatusHistory(table, profile.id)).map(({ status, date }) => ({
            status,
            date,
          }));
        return { youth: profile, timeline };
      }),
  );
  return page.lastKey ? { youth, next: page.lastKey } : { youth };
}
