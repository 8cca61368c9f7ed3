import * as z from 'zod';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';

/** Who took part in a gathering: a member of a municipal team, or of the management. */
export const GatheringParticipantKindSchema = z.enum(['TEAM', 'MANAGEMENT']);

/** A participant of a gathering: a team member (with their municipality) or management. */
export const GatheringParticipantSchema = z
  .object({
    kind: GatheringParticipantKindSchema,
    staffId: EntityIdSchema.optional(),
    municipalityCode: MunicipalityCodeSchema.optional(),
    role: textSchema(),
  })
  .refine(
    (p) =>
      p.kind === 'TEAM'
        ? p.staffId !== undefined && p.municipalityCode !== undefined
        : p.staffId === undefined && p.municipalityCode === undefined,
    { message: 'a team participant needs staffId and municipalityCode; management has neither' },
  );

/** A participant of a gathering. */
export type GatheringParticipant = z.infer<typeof GatheringParticipantSchema>;

/**
 * A municipal manager taking part in a gathering on behalf of their municipality. Managers are
 * not NEXTWORK users, so they are recorded by name and title, not by id; their name is an
 * employee's personal data, shown only as `united-access.ts` says.
 */
export const GatheringManagerSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  name: textSchema(),
  title: textSchema(),
});

/** A municipal manager taking part in a gathering. */
export type GatheringManager = z.infer<typeof GatheringManagerSchema>;

/**
 * A manager as the API hands them out: with the municipalities taking part in their gathering,
 * which the rule of their name needs.
 */
export interface GatheringManagerView extends GatheringManager {
  takingPart: readonly string[];
}

/**
 * A gathering of NEXTWORK United, the cross-municipal learning community: staff and managers of
 * every team meet to share learnings, develop practice and train new teams.
 */
export const UnitedGatheringSchema = z
  .object({
    id: EntityIdSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    hostMunicipalityCode: MunicipalityCodeSchema,
    participants: z.array(GatheringParticipantSchema).max(100),
    /** The municipal managers taking part; absent on gatherings planned before they were kept. */
    managers: z.array(GatheringManagerSchema).max(50).optional(),
    agenda: z.array(textSchema()).max(30),
    outcomes: z.array(textSchema()).max(30),
    createdAt: z.string(),
    version: z.number().int().min(1),
  })
  .refine((g) => g.startDate <= g.endDate, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });

/** A gathering of NEXTWORK United. */
export type UnitedGathering = z.infer<typeof UnitedGatheringSchema>;

/**
 * The municipalities taking part in a gathering: its host, and those of its team participants
 * and managers.
 *
 * @param gathering - the gathering
 */
export function municipalitiesTakingPart(gathering: UnitedGathering): string[] {
  return [
    ...new Set([
      gathering.hostMunicipalityCode,
      ...gathering.participants.flatMap((p) => (p.municipalityCode ? [p.municipalityCode] : [])),
      ...(gathering.managers ?? []).map((m) => m.municipalityCode),
    ]),
  ];
}

/**
 * A gathering's managers as the API hands them out.
 *
 * @param gathering - the gathering
 */
export function managerViews(gathering: UnitedGathering): GatheringManagerView[] {
  const takingPart = municipalitiesTakingPart(gathering);
  return (gathering.managers ?? []).map((manager) => ({ ...manager, takingPart }));
}
