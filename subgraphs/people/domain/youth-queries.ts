import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { parseInput } from '#kernel/validation';
import { isCompanyLinked } from '../repository/shared-items.ts';
import {
  listCaseload,
  listStatusHistory,
  listSupportNotes,
  loadYouth,
} from '../repository/youth-repository.ts';
import { isCurrentContact } from './caller.ts';
import { requireStaffField, type StaffView } from './staff-access.ts';
import type { SupportNote } from './support-note.ts';
import type { StatusChange } from './youth.ts';
import { requireYouthField, requireYouthVisible, type YouthView } from './youth-access.ts';
import { PageArgsSchema } from './youth-inputs.ts';

/**
 * One young person as the caller may see them: null when none exists, `FORBIDDEN` when the
 * caller may see nothing of them. For a company contact the youth–company link and their own
 * contact record are read (batched with the young person), so `_entities` and `Query.youth`
 * apply the same rule.
 *
 * @param context - the request
 * @param youthId - the young person
 */
export async function youthViewById(
  context: SubgraphContext,
  youthId: string,
): Promise<YouthView | null> {
  const identity = requireIdentity(context);
  const [[youth], linked] = await Promise.all([
    loadYouth(context.loader, [youthId]),
    identity.role === 'COMPANY_CONTACT'
      ? Promise.all([
          isCompanyLinked(context.loader, youthId, identity.companyId),
          isCurrentContact(context, identity),
        ]).then(([link, current]) => link && current)
      : Promise.resolve(false),
  ]);
  if (!youth) return null;
  return requireYouthVisible(identity, youth, linked);
}

/**
 * A page of a network consultant's caseload, for the team of the consultant's municipality.
 *
 * @param context - the request
 * @param staff - the consultant as the caller sees them
 * @param rawArgs - `first` and `after`
 */
export async function caseloadOf(
  context: SubgraphContext,
  staff: StaffView,
  rawArgs: unknown,
): Promise<Connection<YouthView>> {
  const identity = requireIdentity(context);
  requireStaffField(staff, 'caseload');
  const page = parseInput(PageArgsSchema, rawArgs);
  const connection = await listCaseload(context, staff.staff.id, page);
  return {
    ...connection,
    edges: connection.edges.map((edge) => ({
      cursor: edge.cursor,
      node: requireYouthVisible(identity, edge.node, false),
    })),
  };
}

/** A young person's status history, oldest first, for those who may read it. */
export async function statusHistoryOf(
  context: SubgraphContext,
  view: YouthView,
): Promise<StatusChange[]> {
  requireYouthField(view, 'statusHistory');
  return listStatusHistory(context.table, view.youth.id);
}

/** A young person's support notes, newest first, for the psychologist only. */
export async function supportNotesOf(
  context: SubgraphContext,
  view: YouthView,
): Promise<SupportNote[]> {
  requireYouthField(view, 'supportNotes');
  return listSupportNotes(context.table, view.youth.id);
}
