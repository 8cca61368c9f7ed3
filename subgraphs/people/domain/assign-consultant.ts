import { defineCommand } from '#kernel/command';
import { loadStaffMember, stillNetworkConsultantOf } from '../repository/staff-repository.ts';
import { YouthEntity } from '../repository/youth-entity.ts';
import { requireNetworkConsultantOf, requireNewConsultant } from './consultant-rules.ts';
import { answersWithYouth, viewForCaller, youthToChange } from './youth-command-support.ts';
import { AssignConsultantInputSchema } from './youth-inputs.ts';
import { requireNotExited } from './youth-rules.ts';

/**
 * `assignConsultant`: makes a network consultant of the same municipality the young person's
 * consultant, at the version the client read. The young person moves to the consultant's
 * caseload (gsi2) in the same write, which holds only while the consultant is still a network
 * consultant of the municipality.
 */
export const assignConsultantCommand = defineCommand({
  name: 'assignConsultant',
  input: AssignConsultantInputSchema,
  async execute(context, input, work) {
    const youth = await youthToChange(context, input.youthId, input.expectedVersion);
    requireNotExited(youth);
    requireNetworkConsultantOf(
      await loadStaffMember(context.loader, input.consultantId),
      youth.municipalityCode,
    );
    requireNewConsultant(youth.consultantId, input.consultantId);
    const after = work.change(YouthEntity, youth, { consultantId: input.consultantId });
    work.add(stillNetworkConsultantOf(input.consultantId, youth.municipalityCode));
    return viewForCaller(context, after);
  },
  ...answersWithYouth,
});
