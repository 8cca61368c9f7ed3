import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { sharesGroupNow } from '#kernel/group-peers';
import type { Identity } from '#kernel/identity';
import { parseInput } from '#kernel/validation';
import { isTiedNow } from '#kernel/youth-company-link';
import {
  countCaseload,
  listCaseload,
  listStatusHistory,
  listSupportNotes,
  loadYouth,
} from '../repository/youth-repository.ts';
import type { StaffView } from './staff-access.ts';
import type { SupportNote } from './support-note.ts';
import type { StatusChange, Youth } from './youth.ts';
import { type YouthView, youthViewFor } from './youth-access.ts';
import { PageArgsSchema } from './youth-inputs.ts';

/**
 * One young person as the caller sees them: null when none exists; a view without an audience
 * when the caller may see nothing of them, which every field's rule refuses. For a company
 * contact the youth–company link is read (batched with the young person) and must tie them now
 * (`#kernel/youth-company-link`; a removed contact is a contact of no company already), so
 * `_entities` and `Query.youth` apply the same rule; the request's loader keeps what it read,
 * so the rule and the resolver read once. For another young person, whether they share a youth
 * group now (`#kernel/group-peers`: their groups read once a request, however many members a
 * list names).
 *
 * @param context - the request
 * @param youthId - the young person
 */
export async function youthViewById(
  context: SubgraphContext,
  youthId: string,
): Promise<YouthView | null> {
  const identity = requireIdentity(context);
  const [[youth], linked, groupPeer] = await Promise.all([
    loadYouth(context.loader, [youthId]),
    identity.role === 'COMPANY_CONTACT'
      ? isTiedNow(context, youthId, identity.companyId)
      : Promise.resolve(false),
    identity.role === 'YOUTH'
      ? sharesGroupNow(context, 'YOUTH', identity.youthId, youthId)
      : Promise.resolve(false),
  ]);
  return youth ? youthViewFor(identity, youth, linked, groupPeer) : null;
}

/**
 * A page of young people as the caller sees each of them, and how to count the whole listing:
 * only when `totalCount` is asked, so a page that does not ask costs nothing more.
 */
export type YouthPage = Connection<YouthView> & { countAll: () => Promise<number> };

/**
 * A page of young people as the caller sees each of them (a listing of their team's).
 *
 * @param identity - the verified caller
 * @param connection - the page as listed
 */
export function youthViewsOfPage(
  identity: Identity,
  connection: Connection<Youth>,
): Connection<YouthView> {
  return {
    ...connection,
    edges: connection.edges.map((edge) => ({
      cursor: edge.cursor,
      node: youthViewFor(identity, edge.node, false),
    })),
  };
}

/**
 * A page of a network consultant's caseload (for the team of the consultant's municipality:
 * the rule of `StaffMember.caseload`).
 *
 * @param context - the request
 * @param staff - the consultant as the caller sees them
 * @param rawArgs - `first` and `after`
 */
export async function caseloadOf(
  context: SubgraphContext,
  staff: StaffView,
  rawArgs: unknown,
): Promise<YouthPage> {
  const page = parseInput(PageArgsSchema, rawArgs);
  const connection = await listCaseload(context, staff.staff.id, page);
  return {
    ...youthViewsOfPage(requireIdentity(context), connection),
    countAll: () => countCaseload(context.table, staff.staff.id),
  };
}

/** A young person's status history, oldest first (its rule: `YOUTH_FIELD_ACCESS.statusHistory`). */
export function statusHistoryOf(
  context: SubgraphContext,
  view: YouthView,
): Promise<StatusChange[]> {
  return listStatusHistory(context.table, view.youth.id);
}

/** A young person's support notes, newest first (its rule: the psychologist only). */
export function supportNotesOf(context: SubgraphContext, view: YouthView): Promise<SupportNote[]> {
  return listSupportNotes(context.table, view.youth.id);
}
