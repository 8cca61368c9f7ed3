import * as z from 'zod';
import { defineEntity } from '#kernel/entity';
import type { ItemLoader } from '#kernel/entity-loader';
import { type ItemKey, key, PREFIX } from '#kernel/keys';
import type { Table, TransactAction } from '#kernel/table/table';

/**
 * The youth–company tie: that a young person and a company have met in a way that allows the
 * company to invite them (meeting first, then the invitation: `invitation-rules.ts`). Its
 * `reasons` set names each fact (`WISH#<id>`, `PLACEMENT#<id>`, `INTRODUCTION#<id>`), added in
 * the same transaction as the wish, placement or introduction and never removed: an earlier
 * wish or a past placement still counts. One item per pair, so the invitation's check is a key
 * lookup batched with its other reads.
 *
 * Not the youth–company link (`youth-company-link-repository.ts`): the link lets a company see
 * a young person's work profile while an invitation or placement lasts; a tie shows the
 * company nothing. Meetings at matching events are not tied here: an event records who came,
 * not who met whom, and its attendance would tie every pair of its young people and companies.
 * It lives in the young person's item collection, so their erasure removes it with them.
 */

/** A tie as stored. */
export const YouthCompanyTieSchema = z.object({
  youthId: z.string(),
  companyId: z.string(),
  municipalityCode: z.string(),
  reasons: z.array(z.string()),
});

/** A youth–company tie. */
export type YouthCompanyTie = z.infer<typeof YouthCompanyTieSchema>;

const TIE_PREFIX = 'TIE';

/** Primary key of a young person's tie to a company. */
export function youthCompanyTieKey(youthId: string, companyId: string): ItemKey {
  return { pk: key(PREFIX.youth, youthId), sk: key(TIE_PREFIX, PREFIX.company, companyId) };
}

/** The reason a wish gives for a tie. */
export const wishTie = (wishId: string): string => `WISH#${wishId}`;

/** The reason a placement gives for a tie. */
export const placementTie = (placementId: string): string => `PLACEMENT#${placementId}`;

/** The reason the team's introduction gives for a tie. */
export const introductionTie = (introductionId: string): string => `INTRODUCTION#${introductionId}`;

function reasonsOf(raw: unknown): string[] {
  if (raw instanceof Set) return [...raw].map(String).sort();
  if (Array.isArray(raw)) return raw.map(String).sort();
  return [];
}

/** The tie of a young person and a company; its reasons are stored as a string set. */
export const YouthCompanyTieEntity = defineEntity<YouthCompanyTie>({
  name: 'YouthCompanyTie',
  schema: YouthCompanyTieSchema,
  key: (tie) => youthCompanyTieKey(tie.youthId, tie.companyId),
  extra: (tie) => ({ reasons: new Set(tie.reasons) }),
  decode: (item) => ({ ...item, reasons: reasonsOf(item.reasons) }),
});

/**
 * The update that adds a reason to a tie, creating the tie when it is the first: no read
 * before it and no condition, as adding to a set commutes with every other such update.
 *
 * @param tie - the pair, their municipality and the reason
 */
export function tieReasonAdded(tie: {
  youthId: string;
  companyId: string;
  municipalityCode: string;
  reason: string;
}): TransactAction {
  return {
    update: youthCompanyTieKey(tie.youthId, tie.companyId),
    spec: {
      set: {
        entity: YouthCompanyTieEntity.name,
        youthId: tie.youthId,
        companyId: tie.companyId,
        municipalityCode: tie.municipalityCode,
      },
      add: { reasons: new Set([tie.reason]) },
    },
  };
}

/** A young person's tie to a company through the given loader; undefined when none exists. */
export function loadTie(
  loader: ItemLoader,
  youthId: string,
  companyId: string,
): Promise<YouthCompanyTie | undefined> {
  return YouthCompanyTieEntity.loadOne(loader, youthCompanyTieKey(youthId, companyId));
}

/** Every tie of a young person (one query of their item collection), for their rights. */
export function readTiesOfYouth(table: Table, youthId: string): Promise<YouthCompanyTie[]> {
  return YouthCompanyTieEntity.readAll(table, {
    partition: youthCompanyTieKey(youthId, '').pk,
    beginsWith: key(TIE_PREFIX, PREFIX.company, ''),
  });
}
