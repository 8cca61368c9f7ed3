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
