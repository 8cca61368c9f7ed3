import { mutation, mutationOfMany } from '#kernel/command';
import { addSupportNoteCommand } from '../domain/add-support-note.ts';
import { assignConsultantCommand } from '../domain/assign-consultant.ts';
import { changeYouthStatusCommand } from '../domain/change-youth-status.ts';
import { enrolYouthCommand } from '../domain/enrol-youth.ts';
import { eraseYouthCommand } from '../domain/erase-youth.ts';
import { exportEvaluationDatasetCommand } from '../domain/export-evaluation-dataset.ts';
import { exportYouthDataCommand } from '../domain/export-youth-data.ts';
import { recordProgrammeCostsCommand } from '../domain/programme-costs.ts';
import { reassignCaseloadCommand } from '../domain/reassign-caseload.ts';
import { recordActivityCommand } from '../domain/record-activity.ts';
import { recordPsychologistContactCommand } from '../domain/record-psychologist-contact.ts';
import { recordSelfAssessmentCommand } from '../domain/record-self-assessment.ts';
import { recordStudyAssignmentCommand } from '../domain/record-study-assignment.ts';
import { registerMunicipalityCommand } from '../domain/register-municipality.ts';
import {
  recordResearchConsentCommand,
  withdrawResearchConsentCommand,
} from '../domain/research-consent-commands.ts';
import {
  addStaffMemberCommand,
  changeStaffRoleCommand,
  removeStaffMemberCommand,
} from '../domain/staff-commands.ts';
import { updateSupportNoteCommand } from '../domain/update-support-note.ts';
import { updateYouthProfileCommand } from '../domain/update-youth-profile.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';

/** Mutations of the people subgraph: each one command of the domain, run by the kernel. */
export const Mutation: MutationResolvers = {
  enrolYouth: mutation(enrolYouthCommand, 'youth'),
  updateYouthProfile: mutation(updateYouthProfileCommand, 'youth'),
  changeYouthStatus: mutation(changeYouthStatusCommand, 'youth'),
  assignConsultant: mutation(assignConsultantCommand, 'youth'),
  recordResearchConsent: mutation(recordResearchConsentCommand, 'youth'),
  withdrawResearchConsent: mutation(withdrawResearchConsentCommand, 'youth'),
  addSupportNote: mutation(addSupportNoteCommand, 'supportNote'),
  updateSupportNote: mutation(updateSupportNoteCommand, 'supportNote'),
  recordPsychologistContact: mutation(recordPsychologistContactCommand, 'psychologistContact'),
  exportYouthData: mutation(exportYouthDataCommand, 'export'),
  eraseYouth: mutation(eraseYouthCommand, 'erasure'),
  exportEvaluationDataset: mutation(exportEvaluationDatasetCommand, 'dataset'),
  recordSelfAssessment: mutation(recordSelfAssessmentCommand, 'selfAssessment'),
  recordStudyAssignment: mutation(recordStudyAssignmentCommand, 'studyAssignment'),
  addStaffMember: mutation(addStaffMemberCommand, 'staffMember'),
  changeStaffRole: mutation(changeStaffRoleCommand, 'staffMember'),
  removeStaffMember: mutationOfMany(removeStaffMemberCommand, ['removedStaffId']),
  registerMunicipality: mutation(registerMunicipalityCommand, 'municipality'),
  recordActivity: mutation(recordActivityCommand, 'activity'),
  recordProgrammeCosts: mutation(recordProgrammeCostsCommand, 'programmeCosts'),
  reassignCaseload: mutationOfMany(reassignCaseloadCommand, ['moved', 'complete', 'consultant']),
};
