import * as z from 'zod';
import { IsoDateSchema } from '#kernel/validation';

/**
 * The research columns of a young person's ties to companies (#20, social capital): counts and
 * a code, no company. Facts from the placements subgraph are parsed by a whitelisting schema, as
 * every other subgraph's.
 */

/** The ways a young person is tied to a company, weakest first (`TieStrength`). */
export const TIE_STRENGTHS = ['MET', 'MUTUAL_INTEREST', 'CHOSEN', 'PLACEMENT'] as const;

const StrengthSchema = z.enum(TIE_STRENGTHS);

/** One tie as the placements subgraph reports it for research (whitelisted). */
export const TieFactsSchema = z.object({
  firstContact: IsoDateSchema.nullable(),
  strength: StrengthSchema,
  firstPlacementDay: IsoDateSchema.nullable(),
});

/** One tie's research facts. */
export type TieFacts = z.infer<typeof TieFactsSchema>;

/** A young person's tie columns. */
export interface TieColumns {
  /** Companies the young person was tied to by the last day observed. */
  companyTies: number;
  /** Of those, the companies met before their first placement (null: no placement yet). */
  companyTiesBeforeFirstPlacement: number | null;
  /** The strongest way they were tied to any company (`TieStrength`), null with no tie. */
  strongestTie: z.infer<typeof StrengthSchema> | null;
}

/**
 * The tie columns of one young person, observed until a day: ties first made after it are left
 * out. Pure.
 *
 * @param ties - the young person's ties
 * @param until - the last day observed
 */
export function tieColumnsOf(ties: readonly TieFacts[], until: string): TieColumns {
  const known = ties.filter((tie) => tie.firstContact !== null && tie.firstContact <= until);
  const placed = known
    .map((tie) => tie.firstPlacementDay)
    .filter((day): day is string => day !== null && day <= until)
    .sort();
  const first = placed[0];
  const order = StrengthSchema.options;
  const strongest = known
    .map((tie) => tie.strength)
    .sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
  return {
    companyTies: known.length,
    companyTiesBeforeFirstPlacement: first
      ? known.filter((tie) => (tie.firstContact as string) < first).length
      : null,
    strongestTie: strongest ?? null,
  };
}
