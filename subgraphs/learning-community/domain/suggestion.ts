import * as z from 'zod';
import { EntityIdSchema, MunicipalityCodeSchema, textSchema } from '#kernel/validation';

/** Which side of the network made a suggestion. */
export const SuggestionAuthorSideSchema = z.enum(['YOUTH', 'COMPANY']);

/** Which side of the network made a suggestion. */
export type SuggestionAuthorSide = z.infer<typeof SuggestionAuthorSideSchema>;

/** Whether the team has answered a suggestion yet. */
export const SUGGESTION_STATES = ['OPEN', 'ANSWERED'] as const;

/** Whether the team has answered a suggestion yet. */
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

/** The team's answer to a suggestion. */
export const SuggestionAnswerSchema = z.object({
  text: textSchema(),
  answeredAt: z.string(),
  answeredByStaffId: EntityIdSchema,
});

/**
 * A suggestion to the network of a municipality, from a young person or a company's contact
 * person ("brugerinddragelse"). The author's ids are kept even when it is anonymous to the
 * team: the author reads their own suggestions and gets them in their art. 15 export, and the
 * audit names who did what. Anonymity is enforced by the rules: the team's audience for an
 * anonymous suggestion cannot read its author fields. An erased young person's suggestions are
 * deleted with them: they are the young person's own words, and anonymity to the team does not
 * make them anonymous. Each leaves a stub of what the figures count (no words, author or id).
 */
export const SuggestionSchema = z.object({
  id: EntityIdSchema,
  municipalityCode: MunicipalityCodeSchema,
  authorSide: SuggestionAuthorSideSchema,
  /** The young person who made it; absent for a company's. */
  authorYouthId: EntityIdSchema.optional(),
  /** The contact person who made it, and their company, for a company's. */
  authorContactId: EntityIdSchema.optional(),
  authorCompanyId: EntityIdSchema.optional(),
  anonymous: z.boolean(),
  text: textSchema(),
  createdAt: z.string(),
  answer: SuggestionAnswerSchema.optional(),
  /** When the team marked it acted on. */
  actedOnAt: z.string().optional(),
  version: z.number().int().min(1),
});

/** A suggestion to the network. */
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** Whether a suggestion has been answered. */
export function stateOf(suggestion: Suggestion): SuggestionState {
  return suggestion.answer ? 'ANSWERED' : 'OPEN';
}

/** The team's answer to a suggestion. */
export type SuggestionAnswer = z.infer<typeof SuggestionAnswerSchema>;
