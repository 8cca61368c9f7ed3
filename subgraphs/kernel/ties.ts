import * as z from 'zod';
import { defineEntity } from './entity.ts';
import { key, PREFIX } from './keys.ts';
import { sharedKeys } from './shared-keys.ts';
import type { Item, TransactAction } from './table/table.ts';

/**
 * Ties: who met whom in the network (social capital, "mange til mange"), kept as history. Not
 * the youth–company link (`youth-company-link.ts`), which lets a company see a young person
 * while an invitation, wish or placement is open and ends with it: a tie never ends and shows a
 * company nothing by itself.
 *
 * Every tie is written by the subgraph whose transaction makes it, in that transaction, as one
 * `UpdateItem` that only ever adds to string sets: its sources (`MEETING#<event>`, `WISH#<id>`,
 * `PLACEMENT#<id>`, …), the ways they met, the days of contact and the interest each side
 * expressed. Adding to a set commutes with every other such update and changes nothing when the
 * member is there already, so the same source written twice (a retried command, the migration
 * running again, two commands racing) leaves one tie as it was, with no read before the write
 * and no condition that could fail a transaction. First and last contact are the set's least
 * and greatest day; the strength is derived when read (`tieStrength`).
 *
 * Youth–company ties live in the young person's item collection (`YOUTH#<id>` / `TIE#COMPANY#…`),
 * so erasure removes them with the rest, listed for the company on gsi3 (`COMPANY#<id>#TIE`) and
 * for the municipality's figures on gsi2 (`MUNI#<code>#TIE`): each one index query, no scan.
 * Company–company ties are two items, one under each company (`TIE#COMPANY#<a>` / `COMPANY#<b>`).
 * A young person's ties to other young people are one item in their collection
 * (`YOUTH#<id>` / `TIE#YOUTH`): the set of peers, so that a count is one batched read however
 * many young people a listing shows, listed for the municipality's figures on gsi2
 * (`MUNI#<code>#TIE#YOUTH`).
 */

/** How a tie was made. */
export const TIE_WAYS = [
  'MATCHING_EVENT',
  'INTRODUCTION',
  'GROUP_SESSION',
  'WISH',
  'INVITATION',
  'PLACEMENT',
  'COMPANY_GROUP',
  'SHARED_PLACEMENTS',
  'YOUTH_GROUP',
] as const;

/** How a tie was made. */
export type TieWay = (typeof TIE_WAYS)[number];

/** How much interest one side expressed in the other. */
export const TIE_INTEREST = ['NONE', 'SOME', 'STRONG'] as const;

/** How much interest one side expressed in the other. */
export type TieInterest = (typeof TIE_INTEREST)[number];

/**
 * How strong a youth–company tie is, weakest first: they met (at an event, through the team, at
 * a session the company hosted); both sides expressed interest when they met; one side chose the
 * other (a wish, an invitation); they shared a placement. Ordered by what each asks of the two
 * sides, which is what the evaluation reads as the depth of the tie.
 */
export const TIE_STRENGTHS = ['MET', 'MUTUAL_INTEREST', 'CHOSEN', 'PLACEMENT'] as const;

/** How strong a youth–company tie is. */
export type TieStrength = (typeof TIE_STRENGTHS)[number];

const TIE = PREFIX.tie;

/** Sort key prefix of a young person's ties to companies, in their collection. */
export const YOUTH_COMPANY_TIE_PREFIX = key(TIE, PREFIX.company, '');

/** Key of a young person's tie to a company (`sharedKeys.youthCompanyTie`). */
export const youthCompanyTieKey = sharedKeys.youthCompanyTie;

/** The gsi3 partition of a company's ties to young people. */
export const companyYouthTiesPartition = (companyId: string): string =>
  key(PREFIX.company, companyId, TIE);

/** The gsi2 partition of the ties of a municipality's young people. */
export const municipalityTiesPartition = (municipalityCode: string): string =>
  key(PREFIX.municipality, municipalityCode, TIE);

/** Partition of a company's ties to other companies. */
export const companyTiesPartition = (companyId: string): string =>
  key(TIE, PREFIX.company, companyId);

/** Key of a company's tie to another company (`sharedKeys.companyTie`). */
export const companyCompanyTieKey = sharedKeys.companyTie;

/** The sources of ties: one string per fact, so the same fact ties once. */
export const tieSource = {
  /** A meeting recorded at a matching event. */
  meeting: (eventId: string): string => `MEETING#${eventId}`,
  /** A wish. */
  wish: (wishId: string): string => `WISH#${wishId}`,
  /** An invitation. */
  invitation: (invitationId: string): string => `INVITATION#${invitationId}`,
  /** A placement. */
  placement: (placementId: string): string => `PLACEMENT#${placementId}`,
  /** A placement that shares its young person with another company's placement. */
  sharedPlacement: (placementId: string): string => `SHARED_PLACEMENT#${placementId}`,
  /** The team's introduction. */
  introduction: (introductionId: string): string => `INTRODUCTION#${introductionId}`,
  /** A group session hosted by the company. */
  session: (sessionId: string): string => `SESSION#${sessionId}`,
  /** Membership of the same company group. */
  companyGroup: (groupId: string): string => `GROUP#${groupId}`,
  /** Membership of the same youth group. */
  youthGroup: (groupId: string): string => `YOUTH_GROUP#${groupId}`,
} as const;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A youth–company tie as read. */
export const YouthCompanyTieSchema = z.object({
  youthId: z.string(),
  companyId: z.string(),
  municipalityCode: z.string(),
  /** The facts that made it (`tieSource`). */
  reasons: z.array(z.string()),
  ways: z.array(z.enum(TIE_WAYS)),
  /** Days of contact, earliest first; empty only for a tie written before they were kept. */
  contactDays: z.array(IsoDay),
  /** Days of the placements behind it, earliest first (the figures' first placement). */
  placementDays: z.array(IsoDay),
  youthInterest: z.enum(TIE_INTEREST),
  companyInterest: z.enum(TIE_INTEREST),
});

/** A youth–company tie. */
export type YouthCompanyTie = z.infer<typeof YouthCompanyTieSchema>;

/** A company–company tie as read, from one company's side. */
export const CompanyCompanyTieSchema = z.object({
  companyId: z.string(),
  otherCompanyId: z.string(),
  reasons: z.array(z.string()),
  ways: z.array(z.enum(TIE_WAYS)),
  contactDays: z.array(IsoDay),
});

/** A company–company tie. */
export type CompanyCompanyTie = z.infer<typeof CompanyCompanyTieSchema>;

/** Lists as DynamoDB string sets, an empty one left out (a set cannot be empty). */
/**
 * Lists as stored: a string set, or nothing when empty (DynamoDB has no empty set, and the
 * tie's updates `ADD` to these attributes, which must hold a set or nothing — never a list).
 */
function stringSets(
  lists: Record<string, readonly string[]>,
): Record<string, Set<string> | undefined> {
  return Object.fromEntries(
    Object.entries(lists).map(([name, list]) => [
      name,
      list.length > 0 ? new Set(list) : undefined,
    ]),
  );
}

function stringsOf(raw: unknown): string[] {
  if (raw instanceof Set) return [...raw].map(String).sort();
  if (Array.isArray(raw)) return raw.map(String).sort();
  return [];
}

/** The strongest interest among those expressed; NONE when none was. */
function strongest(raw: unknown): TieInterest {
  const expressed = stringsOf(raw);
  return [...TIE_INTEREST].reverse().find((level) => expressed.includes(level)) ?? 'NONE';
}

/**
 * The ways a tie written before ways were kept was made, from its sources (the introduction,
 * the wish and the placement wrote ties before this).
 */
function waysOf(item: Item): string[] {
  const ways = new Set(stringsOf(item.ways));
  for (const reason of stringsOf(item.reasons)) {
    const way = WAY_OF_SOURCE[reason.slice(0, reason.indexOf('#'))];
    if (way) ways.add(way);
  }
  return [...ways].filter((way) => (TIE_WAYS as readonly string[]).includes(way)).sort();
}

const WAY_OF_SOURCE: Record<string, TieWay> = {
  MEETING: 'MATCHING_EVENT',
  WISH: 'WISH',
  INVITATION: 'INVITATION',
  PLACEMENT: 'PLACEMENT',
  SHARED_PLACEMENT: 'SHARED_PLACEMENTS',
  INTRODUCTION: 'INTRODUCTION',
  SESSION: 'GROUP_SESSION',
  GROUP: 'COMPANY_GROUP',
};

/** A young person's tie to a company; its sets are stored as string sets. */
export const YouthCompanyTieEntity = defineEntity<YouthCompanyTie>({
  name: 'YouthCompanyTie',
  schema: YouthCompanyTieSchema,
  key: (tie) => youthCompanyTieKey(tie.youthId, tie.companyId),
  indexes: {
    gsi2: (tie) => ({
      pk: municipalityTiesPartition(tie.municipalityCode),
      sk: key(PREFIX.youth, tie.youthId, PREFIX.company, tie.companyId),
    }),
    gsi3: (tie) => ({
      pk: companyYouthTiesPartition(tie.companyId),
      sk: key(PREFIX.youth, tie.youthId),
    }),
  },
  extra: (tie) => ({
    ...stringSets({
      reasons: tie.reasons,
      ways: tie.ways,
      contactDays: tie.contactDays,
      placementDays: tie.placementDays,
    }),
    youthInterest: new Set([tie.youthInterest]),
    companyInterest: new Set([tie.companyInterest]),
  }),
  decode: (item) => ({
    ...item,
    reasons: stringsOf(item.reasons),
    ways: waysOf(item),
    contactDays: stringsOf(item.contactDays),
    placementDays: stringsOf(item.placementDays),
    youthInterest: strongest(item.youthInterest),
    companyInterest: strongest(item.companyInterest),
  }),
});

/** One side of a company's tie to another company; its sets are stored as string sets. */
export const CompanyCompanyTieEntity = defineEntity<CompanyCompanyTie>({
  name: 'CompanyCompanyTie',
  schema: CompanyCompanyTieSchema,
  key: (tie) => companyCompanyTieKey(tie.companyId, tie.otherCompanyId),
  extra: (tie) =>
    stringSets({ reasons: tie.reasons, ways: tie.ways, contactDays: tie.contactDays }),
  decode: (item) => ({
    ...item,
    reasons: stringsOf(item.reasons),
    ways: waysOf(item),
    contactDays: stringsOf(item.contactDays),
  }),
});

/** One fact that ties a young person and a company. */
export interface YouthCompanyContact {
  youthId: string;
  companyId: string;
  /** The young person's municipality (the tie counts in its figures). */
  municipalityCode: string;
  /** The fact (`tieSource`). */
  source: string;
  way: TieWay;
  /** The day of the contact (ISO 8601 date). */
  day: string;
  /** What the young person expressed. @default NONE */
  youthInterest?: TieInterest;
  /** What the company expressed. @default NONE */
  companyInterest?: TieInterest;
}

/**
 * The update that records one contact on a youth–company tie, creating the tie when it is the
 * first: only additions to sets, so it needs no read before it and no condition, and a repeat
 * changes nothing.
 *
 * @param contact - the pair, the fact and what each side expressed
 */
export function youthCompanyTieAdded(contact: YouthCompanyContact): TransactAction {
  const [tie] = foldYouthCompanyContacts([contact]);
  if (!tie) throw new Error('A contact makes a tie');
  return youthCompanyTieMerged(tie);
}

/**
 * The update that merges a tie's sets into the stored tie (creating it when absent): additions
 * only, as {@link youthCompanyTieAdded}, for several contacts of one pair in one action (a
 * transaction touches an item once).
 *
 * @param tie - the contacts of one pair, folded (`foldYouthCompanyContacts`)
 */
export function youthCompanyTieMerged(tie: YouthCompanyTie): TransactAction {
  const sets = (values: readonly string[]) => new Set(values);
  return {
    update: youthCompanyTieKey(tie.youthId, tie.companyId),
    spec: {
      set: {
        entity: YouthCompanyTieEntity.name,
        youthId: tie.youthId,
        companyId: tie.companyId,
        municipalityCode: tie.municipalityCode,
        ...YouthCompanyTieEntity.indexAttributes(tie),
      },
      add: {
        ...(tie.reasons.length ? { reasons: sets(tie.reasons) } : {}),
        ...(tie.ways.length ? { ways: sets(tie.ways) } : {}),
        ...(tie.contactDays.length ? { contactDays: sets(tie.contactDays) } : {}),
        ...(tie.placementDays.length ? { placementDays: sets(tie.placementDays) } : {}),
        youthInterest: sets([tie.youthInterest]),
        companyInterest: sets([tie.companyInterest]),
      },
    },
  };
}

/** One fact that ties two companies. */
export interface CompanyCompanyContact {
  companyId: string;
  otherCompanyId: string;
  source: string;
  way: TieWay;
  day: string;
}

/**
 * The two updates (one under each company) that record one contact between two companies;
 * additions to sets only, as `youthCompanyTieAdded`.
 *
 * @param contact - the pair and the fact
 */
export function companyCompanyTieAdded(contact: CompanyCompanyContact): TransactAction[] {
  const side = (companyId: string, otherCompanyId: string): TransactAction => ({
    update: companyCompanyTieKey(companyId, otherCompanyId),
    spec: {
      set: { entity: CompanyCompanyTieEntity.name, companyId, otherCompanyId },
      add: {
        reasons: new Set([contact.source]),
        ways: new Set([contact.way]),
        contactDays: new Set([contact.day]),
      },
    },
  });
  return [
    side(contact.companyId, contact.otherCompanyId),
    side(contact.otherCompanyId, contact.companyId),
  ];
}

/**
 * How strong a youth–company tie is (`TIE_STRENGTHS`): a placement; else a wish or an
 * invitation; else interest expressed by both sides; else they met.
 *
 * @param tie - the tie as read
 */
export function tieStrength(
  tie: Pick<YouthCompanyTie, 'ways' | 'youthInterest' | 'companyInterest'>,
): TieStrength {
  if (tie.ways.includes('PLACEMENT')) return 'PLACEMENT';
  if (tie.ways.includes('WISH') || tie.ways.includes('INVITATION')) return 'CHOSEN';
  if (tie.youthInterest !== 'NONE' && tie.companyInterest !== 'NONE') return 'MUTUAL_INTEREST';
  return 'MET';
}

/** The tie's first day of contact; null for a tie written before days were kept. */
export const firstContact = (tie: { contactDays: readonly string[] }): string | null =>
  tie.contactDays[0] ?? null;

/** The tie's latest day of contact; null for a tie written before days were kept. */
export const lastContact = (tie: { contactDays: readonly string[] }): string | null =>
  tie.contactDays.at(-1) ?? null;

/**
 * Ties strongest first, then by latest contact, newest first: the order in which a young
 * person's companies are shown.
 *
 * @param ties - youth–company ties
 */
export function strongestFirst<T extends YouthCompanyTie>(ties: readonly T[]): T[] {
  const rank = (tie: T) => TIE_STRENGTHS.indexOf(tieStrength(tie));
  return [...ties].sort(
    (a, b) => rank(b) - rank(a) || (lastContact(b) ?? '').localeCompare(lastContact(a) ?? ''),
  );
}

/**
 * The ties that a list of contacts makes, one per pair, as `youthCompanyTieAdded` would leave
 * them: for writers that put whole items (the demo seed).
 *
 * @param contacts - facts that tie young people and companies
 */
export function foldYouthCompanyContacts(
  contacts: readonly YouthCompanyContact[],
): YouthCompanyTie[] {
  const ties = new Map<string, YouthCompanyTie>();
  const stronger = (a: TieInterest, b: TieInterest | undefined): TieInterest =>
    TIE_INTEREST.indexOf(b ?? 'NONE') > TIE_INTEREST.indexOf(a) ? (b ?? 'NONE') : a;
  for (const contact of contacts) {
    const pair = `${contact.youthId}|${contact.companyId}`;
    const tie = ties.get(pair) ?? {
      youthId: contact.youthId,
      companyId: contact.companyId,
      municipalityCode: contact.municipalityCode,
      reasons: [],
      ways: [],
      contactDays: [],
      placementDays: [],
      youthInterest: 'NONE',
      companyInterest: 'NONE',
    };
    ties.set(pair, {
      ...tie,
      reasons: [...new Set([...tie.reasons, contact.source])].sort(),
      ways: [...new Set([...tie.ways, contact.way])].sort(),
      contactDays: [...new Set([...tie.contactDays, contact.day])].sort(),
      placementDays:
        contact.way === 'PLACEMENT'
          ? [...new Set([...tie.placementDays, contact.day])].sort()
          : tie.placementDays,
      youthInterest: stronger(tie.youthInterest, contact.youthInterest),
      companyInterest: stronger(tie.companyInterest, contact.companyInterest),
    });
  }
  return [...ties.values()];
}

/**
 * The stored items of the ties a list of contacts makes (`foldYouthCompanyContacts`).
 *
 * @param contacts - facts that tie young people and companies
 */
export function youthCompanyTieItems(contacts: readonly YouthCompanyContact[]): Item[] {
  return foldYouthCompanyContacts(contacts).map(YouthCompanyTieEntity.toItem);
}

/** The gsi2 partition of the peer ties of a municipality's young people. */
export const municipalityPeerTiesPartition = (municipalityCode: string): string =>
  key(PREFIX.municipality, municipalityCode, TIE, PREFIX.youth);

/** A young person's ties to other young people, as read. */
export const YouthPeerTiesSchema = z.object({
  youthId: z.string(),
  municipalityCode: z.string(),
  /** The other young people, each once. */
  peers: z.array(z.string()),
  /** The facts that made them (`tieSource.youthGroup`). */
  reasons: z.array(z.string()),
  /** Days of contact, earliest first: the first is when the young person was first tied. */
  contactDays: z.array(IsoDay),
});

/** A young person's ties to other young people. */
export type YouthPeerTies = z.infer<typeof YouthPeerTiesSchema>;

/** A young person's ties to other young people; its sets are stored as string sets. */
export const YouthPeerTiesEntity = defineEntity<YouthPeerTies>({
  name: 'YouthPeerTies',
  schema: YouthPeerTiesSchema,
  key: (ties) => sharedKeys.youthPeerTies(ties.youthId),
  indexes: {
    gsi2: (ties) => ({
      pk: municipalityPeerTiesPartition(ties.municipalityCode),
      sk: key(PREFIX.youth, ties.youthId),
    }),
  },
  extra: (ties) =>
    stringSets({ peers: ties.peers, reasons: ties.reasons, contactDays: ties.contactDays }),
  decode: (item) => ({
    ...item,
    peers: stringsOf(item.peers),
    reasons: stringsOf(item.reasons),
    contactDays: stringsOf(item.contactDays),
  }),
});

/** Young people who came to share a youth group: each of `joining` with each of `group`. */
export interface YouthGroupContact {
  /** The young people who joined. */
  joining: readonly string[];
  /** Every young person of the group after they joined (the joining among them). */
  members: readonly string[];
  /** The group's municipality (the ties count in its figures). */
  municipalityCode: string;
  /** The fact (`tieSource.youthGroup`). */
  source: string;
  /** The day they joined (ISO 8601 date). */
  day: string;
}

/**
 * The updates that tie young people who came to share a youth group: one per young person
 * touched (a joining one gains every other member, every other member gains the joining ones),
 * each only adding to sets, so a repeat changes nothing, and at most one per item, as a
 * transaction requires. A group holds at most 24 young people: one transaction.
 *
 * @param contact - who joined, the group's members, the fact and the day
 */
export function youthPeerTiesAdded(contact: YouthGroupContact): TransactAction[] {
  const joining = new Set(contact.joining);
  const actions: TransactAction[] = [];
  for (const youthId of new Set(contact.members)) {
    const peers = joining.has(youthId)
      ? contact.members.filter((other) => other !== youthId)
      : [...joining].filter((other) => other !== youthId);
    if (peers.length === 0) continue;
    const ties: YouthPeerTies = {
      youthId,
      municipalityCode: contact.municipalityCode,
      peers,
      reasons: [contact.source],
      contactDays: [contact.day],
    };
    actions.push({
      update: sharedKeys.youthPeerTies(youthId),
      spec: {
        set: {
          entity: YouthPeerTiesEntity.name,
          youthId,
          municipalityCode: contact.municipalityCode,
          ...YouthPeerTiesEntity.indexAttributes(ties),
        },
        add: {
          peers: new Set(peers),
          reasons: new Set(ties.reasons),
          contactDays: new Set(ties.contactDays),
        },
      },
    });
  }
  return actions;
}

/**
 * The update that takes an erased young person out of another's peers (their id must not
 * outlive them there); the other's count drops, as the figures' would with the erased person's
 * own ties.
 *
 * @param youthId - the young person who keeps their ties
 * @param erasedId - the erased young person
 */
export function youthPeerTieErased(youthId: string, erasedId: string): TransactAction {
  return {
    update: sharedKeys.youthPeerTies(youthId),
    spec: { delete: { peers: new Set([erasedId]) } },
  };
}
