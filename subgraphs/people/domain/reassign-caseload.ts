import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { DomainRuleError, NotFoundError } from '#kernel/errors';
import type { StaffIdentity } from '#kernel/identity';
import { loadStaffMember, stillNetworkConsultantOf } from '../repository/staff-repository.ts';
import { YouthEntity } from '../repository/youth-entity.ts';
import { firstOfCaseload, loadYouth } from '../repository/youth-repository.ts';
import { CONSULTANT_RULE } from './consultant-rules.ts';
import type { StaffMember } from './staff.ts';
import { type StaffView, staffViewFor } from './staff-access.ts';
import { MAX_REASSIGNED, ReassignCaseloadInputSchema } from './staff-inputs.ts';
import { requireTeamMember } from './staff-rules.ts';
import type { Youth } from './youth.ts';
import { YOUTH_RULE } from './youth-rules.ts';

/** Stable codes of the rules of a reassignment, besides the consultants' and young people's. */
export const REASSIGN_RULE = {
  SAME_CONSULTANT: 'SAME_CONSULTANT',
  TOO_MANY: 'TOO_MANY_TO_MOVE',
  NOT_IN_CASELOAD: 'NOT_IN_CASELOAD',
} as const;

/** What a reassignment returns. */
export interface CaseloadReassigned {
  moved: number;
  complete: boolean;
  consultant: StaffView;
}

const RememberedSchema = z.object({
  moved: z.number(),
  complete: z.boolean(),
  toConsultantId: z.string(),
});

/** A network consultant of the caller's team, named by an input field. */
function requireConsultant(
  staff: StaffMember | undefined,
  municipalityCode: string,
  field: string,
) {
  const member = requireTeamMember(staff, municipalityCode, [field]);
  if (member.role !== 'NETWORK_CONSULTANT') {
    throw new DomainRuleError(
      CONSULTANT_RULE.NOT_A_CONSULTANT,
      'Only a network consultant follows young people',
      [field],
    );
  }
  return member;
}

/**
 * The young people a list names, each of the caller's municipality and followed by `from` now.
 * One of another municipality is answered as no one (`YOUTH_NOT_FOUND`), as an unknown id is.
 */
async function namedYouth(
  context: SubgraphContext,
  youthIds: readonly string[],
  from: StaffMember,
): Promise<Youth[]> {
  const ids = [...new Set(youthIds)];
  if (ids.length > MAX_REASSIGNED) {
    throw new DomainRuleError(
      REASSIGN_RULE.TOO_MANY,
      `At most ${MAX_REASSIGNED} young people a call: send the rest in another`,
      ['youthIds'],
    );
  }
  const found = await loadYouth(context.loader, ids);
  return found.map((youth, index) => {
    const path = ['youthIds', String(index)];
    if (youth?.municipalityCode !== from.municipalityCode) {
      throw new DomainRuleError(YOUTH_RULE.NOT_FOUND, 'No such young person', path);
    }
    if (youth.consultantId !== from.id) {
      throw new DomainRuleError(
        REASSIGN_RULE.NOT_IN_CASELOAD,
        'The young person is not followed by the consultant to move them from',
        path,
      );
    }
    return youth;
  });
}

/**
 * The first of a whole caseload, read again by key (the caseload index may lag a change): those
 * still followed by `from`, and whether more wait beyond this call's share.
 */
async function wholeCaseload(
  context: SubgraphContext,
  from: StaffMember,
): Promise<{ youth: Youth[]; more: boolean }> {
  const listed = await firstOfCaseload(context.table, from.id, MAX_REASSIGNED + 1);
  const share = listed.slice(0, MAX_REASSIGNED).map((youth) => youth.id);
  const youth = (await loadYouth(context.loader, share)).filter(
    (one): one is Youth => one?.consultantId === from.id,
  );
  return { youth, more: listed.length > MAX_REASSIGNED };
}

/**
 * `reassignCaseload`: young people move from one network consultant of the caller's team to
 * another in one transaction, all or none. Each keeps their consultant history as
 * `assignConsultant` keeps it: their profile changes at the version read, with a `CHANGE` audit
 * record naming them (`Mutation.reassignCaseload`). The new consultant must still be one when
 * it commits. A whole caseload larger than one transaction holds moves in deliberate shares of
 * {@link MAX_REASSIGNED}: each call moves the next share, all or none, and says whether it was
 * the last; a repeat with the same key moves nothing again.
 */
export const reassignCaseloadCommand = defineCommand({
  name: 'reassignCaseload',
  input: ReassignCaseloadInputSchema,
  async execute(context, input, work): Promise<CaseloadReassigned> {
    const leader = requireIdentity(context) as StaffIdentity;
    const [fromRead, toRead] = await Promise.all([
      loadStaffMember(context.loader, input.fromConsultantId),
      loadStaffMember(context.loader, input.toConsultantId),
    ]);
    const from = requireTeamMember(fromRead, leader.municipalityCode, ['fromConsultantId']);
    const to = requireConsultant(toRead, leader.municipalityCode, 'toConsultantId');
    if (from.id === to.id) {
      throw new DomainRuleError(
        REASSIGN_RULE.SAME_CONSULTANT,
        'The young people already follow this consultant',
        ['toConsultantId'],
      );
    }
    const { youth, more } = input.youthIds
      ? { youth: await namedYouth(context, input.youthIds, from), more: false }
      : await wholeCaseload(context, from);
    for (const one of youth) {
      work.change(YouthEntity, one, { consultantId: to.id });
      work.audit({
        action: 'CHANGE',
        target: 'Mutation.reassignCaseload',
        youthId: one.id,
        municipalityCode: one.municipalityCode,
      });
    }
    work.add(stillNetworkConsultantOf(to.id, to.municipalityCode));
    return { moved: youth.length, complete: !more, consultant: staffViewFor(leader, to) };
  },
  remember: (result) => ({
    moved: result.moved,
    complete: result.complete,
    toConsultantId: result.consultant.staff.id,
  }),
  async recall(context, remembered): Promise<CaseloadReassigned> {
    const { moved, complete, toConsultantId } = RememberedSchema.parse(remembered);
    const to = await loadStaffMember(context.loader, toConsultantId);
    if (!to) throw new NotFoundError('The consultant is no longer on the team');
    return { moved, complete, consultant: staffViewFor(requireIdentity(context), to) };
  },
  about: (_input, result) => ({ municipalityCode: result.consultant.staff.municipalityCode }),
});
