import { isStaffOf } from '#kernel/authorisation';
import { type Identity, isStaffRole } from '#kernel/identity';
import { type AudienceRules, audienceAllowed } from './audience.ts';
import type { Youth } from './youth.ts';

/**
 * In what capacity a caller looks at a young person:
 *
 * - `TEAM`: a member of the team of the young person's municipality (not the psychologist);
 * - `PSYCHOLOGIST`: the psychologist of that team — as the team, plus support notes;
 * - `SELF`: the young person themself;
 * - `LINKED_COMPANY`: a contact of a company that an open invitation, an open wish or a planned
 *   or running placement ties to the young person now (`#kernel/youth-company-link`) — their
 *   work profile only;
 * - `GROUP_PEER`: another young person who shares a youth network group with them now
 *   (`#kernel/group-peers`) — their first name only (issue #20: "the group is theirs").
 *
 * Everyone else (another municipality's team, other young people, other companies, the
 * programme office, the data protection officer) has no audience and sees nothing of them.
 */
export type YouthAudience = 'TEAM' | 'PSYCHOLOGIST' | 'SELF' | 'LINKED_COMPANY' | 'GROUP_PEER';

const TEAM = ['TEAM', 'PSYCHOLOGIST'] as const satisfies readonly YouthAudience[];
const TEAM_AND_SELF = [...TEAM, 'SELF'] as const satisfies readonly YouthAudience[];
const WORK_PROFILE = [
  ...TEAM_AND_SELF,
  'LINKED_COMPANY',
] as const satisfies readonly YouthAudience[];
const WORK_PROFILE_AND_GROUP_PEERS = [
  ...WORK_PROFILE,
  'GROUP_PEER',
] as const satisfies readonly YouthAudience[];
const PSYCHOLOGIST_ONLY = ['PSYCHOLOGIST'] as const satisfies readonly YouthAudience[];
const SELF_ONLY = ['SELF'] as const satisfies readonly YouthAudience[];

/**
 * Who may read each field of `Youth`: the one place these rules live. A company tied to the
 * young person sees their name and work profile and nothing else (`docs/authorisation.md`: never barriers,
 * support notes, benefits, health or social data). Support notes are the psychologist's working
 * notes, kept from everyone else — the young person included. The young person does read their
 * own barriers: they have a right to see what the team records about them (GDPR art. 15), and
 * "power shift" means nothing about them is decided behind their back.
 */
export const YOUTH_FIELD_ACCESS = {
  id: WORK_PROFILE_AND_GROUP_PEERS,
  name: WORK_PROFILE,
  interests: WORK_PROFILE,
  workWishes: WORK_PROFILE,
  municipality: TEAM_AND_SELF,
  dateOfBirth: TEAM_AND_SELF,
  age: TEAM_AND_SELF,
  contact: TEAM_AND_SELF,
  enrolledAt: TEAM_AND_SELF,
  status: TEAM_AND_SELF,
  statusHistory: TEAM_AND_SELF,
  consultant: TEAM_AND_SELF,
  benefitCategory: TEAM_AND_SELF,
  // Issue #21: the dated benefit history and the evaluation's covariates are personal data the
  // team records about the young person; theirs to read too (art. 15, "power shift"), never a
  // company's (benefits are social data).
  benefitHistory: TEAM_AND_SELF,
  gender: TEAM_AND_SELF,
  highestCompletedEducation: TEAM_AND_SELF,
  // The lottery's draw is about the young person: theirs to know (art. 15) and their team's;
  // never a company's, never the programme office's (it sees no person).
  studyAssignment: TEAM_AND_SELF,
  barriers: TEAM_AND_SELF,
  researchConsent: TEAM_AND_SELF,
  version: TEAM_AND_SELF,
  supportNotes: PSYCHOLOGIST_ONLY,
  // The psychologist's record of their contacts: by the support notes' rule, theirs alone (the
  // young person reads them through the data protection officer's art. 15 export).
  psychologistContacts: PSYCHOLOGIST_ONLY,
  // Masked even so (`DDMMYY-****`), and only to the team: the number itself is never shown.
  cprMasked: TEAM,
  // The team's reason for an enrolment outside the target group: the team's, not shown to a
  // company; the young person reads it in their art. 15 export.
  ageExceptionReason: TEAM,
  // The young person's own view of their direction: theirs and their team's (the psychologist
  // too — well-being is theirs to support), never a company's.
  selfAssessments: TEAM_AND_SELF,
  selfAssessmentDue: TEAM_AND_SELF,
  // What the other members of their youth group know them by, and all they see of them.
  firstName: WORK_PROFILE_AND_GROUP_PEERS,
  // The team's own effort (issue #21): a measure of the team's work, not of the young person.
  staffMinutes: TEAM,
} as const satisfies AudienceRules<YouthAudience>;

/**
 * Who may run each mutation on a young person. Consent is the young person's own decision, so
 * they may record and withdraw it themself; the team may record it on their behalf.
 */
export const YOUTH_MUTATION_ACCESS = {
  enrolYouth: TEAM,
  updateYouthProfile: TEAM_AND_SELF,
  changeYouthStatus: TEAM,
  assignConsultant: TEAM,
  recordResearchConsent: TEAM_AND_SELF,
  withdrawResearchConsent: TEAM_AND_SELF,
  addSupportNote: PSYCHOLOGIST_ONLY,
  updateSupportNote: PSYCHOLOGIST_ONLY,
  recordPsychologistContact: PSYCHOLOGIST_ONLY,
  // The young person's own voice (issue #20: "fills it in themself"): staff do not record it on
  // a paper form's behalf, so every assessment is first-hand and its audit's actor is the
  // young person; a team that collects one on paper asks the young person to enter it.
  recordSelfAssessment: SELF_ONLY,
} as const satisfies AudienceRules<YouthAudience>;

/**
 * Who may change each field of a profile (`updateYouthProfile`): the young person keeps their
 * own contact details and wishes up to date; the rest is the team's assessment.
 */
export const YOUTH_PROFILE_WRITE_ACCESS = {
  name: TEAM,
  dateOfBirth: TEAM,
  phone: TEAM_AND_SELF,
  email: TEAM_AND_SELF,
  interests: TEAM_AND_SELF,
  workWishes: TEAM_AND_SELF,
  benefitCategory: TEAM,
  barriers: TEAM,
  cpr: TEAM,
  // Gender is self-identified: the young person may correct it; education is the team's record.
  gender: TEAM_AND_SELF,
  highestCompletedEducation: TEAM,
} as const satisfies AudienceRules<YouthAudience>;

/** A field `updateYouthProfile` may change. */
export type YouthProfileField = keyof typeof YOUTH_PROFILE_WRITE_ACCESS;

/**
 * A young person as one caller may see them: the record and the caller's audience, null when
 * they may see nothing of them (the field rules then refuse every field).
 */
export interface YouthView {
  youth: Youth;
  audience: YouthAudience | null;
}

/**
 * The caller's audience for a young person, or null when they may see nothing of them.
 *
 * @param identity - the verified caller
 * @param youth - the young person's id and municipality
 * @param companyLinked - for a company contact: whether their company is tied to the young person
 * @param groupPeer - for another young person: whether they share a youth group with them now
 */
export function youthAudience(
  identity: Identity,
  youth: Pick<Youth, 'id' | 'municipalityCode'>,
  companyLinked: boolean,
  groupPeer = false,
): YouthAudience | null {
  const team = teamAudience(identity, youth.municipalityCode);
  if (team) return team;
  if (identity.role === 'YOUTH') {
    if (identity.youthId === youth.id) return 'SELF';
    return groupPeer ? 'GROUP_PEER' : null;
  }
  if (identity.role === 'COMPANY_CONTACT') return companyLinked ? 'LINKED_COMPANY' : null;
  return null;
}

/**
 * The audience a caller would have for a young person of whom only the id is known (one who
 * does not exist): what their role allows anywhere. Used so that a role that may never run a
 * mutation is refused before it learns whether an id exists.
 *
 * @param identity - the verified caller
 * @param youthId - the young person's id
 */
export function audienceByRole(identity: Identity, youthId: string): YouthAudience | null {
  if (identity.role === 'PSYCHOLOGIST') return 'PSYCHOLOGIST';
  if (isStaffRole(identity.role)) return 'TEAM';
  if (identity.role === 'YOUTH') return identity.youthId === youthId ? 'SELF' : null;
  return null;
}

/**
 * The audience of the team of a municipality for a young person who is not yet stored
 * (enrolment): the caller's when they are on that team, otherwise null.
 *
 * @param identity - the verified caller
 * @param municipalityCode - the municipality of enrolment
 */
export function teamAudience(identity: Identity, municipalityCode: string): YouthAudience | null {
  if (!isStaffOf(identity, municipalityCode)) return null;
  return identity.role === 'PSYCHOLOGIST' ? 'PSYCHOLOGIST' : 'TEAM';
}

/**
 * A young person as the caller sees them.
 *
 * @param identity - the verified caller
 * @param youth - the young person
 * @param companyLinked - for a company contact: whether their company is tied to the young person
 * @param groupPeer - for another young person: whether they share a youth group with them now
 */
export function youthViewFor(
  identity: Identity,
  youth: Youth,
  companyLinked: boolean,
  groupPeer = false,
): YouthView {
  return { youth, audience: youthAudience(identity, youth, companyLinked, groupPeer) };
}

/**
 * Whether the audience may change every one of the profile's fields an update changes.
 *
 * @param audience - the caller's audience for the young person
 * @param fields - the fields the update changes
 */
export function mayChangeProfileFields(
  audience: YouthAudience | null,
  fields: readonly YouthProfileField[],
): boolean {
  return fields.every((field) => audienceAllowed(audience, YOUTH_PROFILE_WRITE_ACCESS[field]));
}
