import type { CursorKey } from '#kernel/cursor';
import type { Table } from '#kernel/table/table';
import type { DatedStatus } from '../domain/weekly-status.ts';
import type { Youth, YouthStatus } from '../domain/youth.ts';
import {
  municipalityYouthPartition,
  STATUS_HISTORY_PREFIX,
  statusTimelineOf,
  YOUTH_ENTITY,
  youthFromItem,
  youthKey,
} from './youth-entity.ts';

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

/** The timeline of a profile written before profiles kept one: one query of the history items. */
async function historyTimeline(table: Table, youthId: string): Promise<DatedStatus[]> {
  const items = await table.queryAll({
    partition: youthKey(youthId).pk,
    beginsWith: STATUS_HISTORY_PREFIX,
  });
  return items.map((item) => ({
    status: String(item.status) as YouthStatus,
    date: String(item.date),
  }));
}

/**
 * One page of a municipality's young people, from its gsi1 listing (projection ALL: the profile
 * with its status timeline, so no read per young person) — never a scan. Only profiles are
 * returned; the caller filters by consent and enrolment.
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
      .filter((item) => item.entity === YOUTH_ENTITY)
      .map(async (item) => {
        const profile = youthFromItem(item);
        const timeline = statusTimelineOf(item) ?? (await historyTimeline(table, profile.id));
        return { youth: profile, timeline };
      }),
  );
  return page.lastKey ? { youth, next: page.lastKey } : { youth };
}
