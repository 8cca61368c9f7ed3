import { requireIdentity } from '#kernel/authorisation';
import type { Connection } from '#kernel/connection';
import type { SubgraphContext } from '#kernel/context';
import { parseInput } from '#kernel/validation';
import {
  countPsychologistCaseload,
  listPsychologistCaseload,
  listPsychologistContacts,
} from '../repository/psychologist-contact-repository.ts';
import { loadYouth } from '../repository/youth-repository.ts';
import type { PsychologistContact } from './psychologist-contact.ts';
import type { StaffView } from './staff-access.ts';
import { type YouthView, youthViewFor } from './youth-access.ts';
import { PageArgsSchema } from './youth-inputs.ts';
import type { YouthPage } from './youth-queries.ts';

/**
 * A page of a young person's psychologist contacts, newest first (its rule: the psychologist
 * only).
 *
 * @param context - the request
 * @param view - the young person as the caller sees them
 * @param rawArgs - `first` and `after`
 */
export function psychologistContactsOf(
  context: SubgraphContext,
  view: YouthView,
  rawArgs: unknown,
): Promise<Connection<PsychologistContact>> {
  return listPsychologistContacts(context, view.youth.id, parseInput(PageArgsSchema, rawArgs));
}

/**
 * A page of a psychologist's caseload, the latest contact first: one query of their caseload
 * entries, then the young people of the page in one batch (the request's loader), each as the
 * caller sees them. An entry whose young person is gone meanwhile is left out.
 *
 * @param context - the request
 * @param staff - the psychologist as the caller sees them
 * @param rawArgs - `first` and `after`
 */
export async function psychologistCaseloadOf(
  context: SubgraphContext,
  staff: StaffView,
  rawArgs: unknown,
): Promise<YouthPage> {
  const identity = requireIdentity(context);
  const page = parseInput(PageArgsSchema, rawArgs);
  const entries = await listPsychologistCaseload(context, staff.staff.id, page);
  const youth = await loadYouth(
    context.loader,
    entries.edges.map((edge) => edge.node.youthId),
  );
  const edges = entries.edges.flatMap((edge, index) => {
    const found = youth[index];
    return found ? [{ cursor: edge.cursor, node: youthViewFor(identity, found, false) }] : [];
  });
  return {
    ...entries,
    edges,
    countAll: () => countPsychologistCaseload(context.table, staff.staff.id),
  };
}
