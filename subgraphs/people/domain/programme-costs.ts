import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import { DATE_OUT_OF_RANGE, PROGRAMME_START } from '#kernel/date-bounds';
import { DomainRuleError, requireVersion } from '#kernel/errors';
import { monthOf } from '#kernel/figures-period';
import type { Identity } from '#kernel/identity';
import { ExpectedVersionSchema, MunicipalityCodeSchema } from '#kernel/validation';
import {
  loadProgrammeCosts,
  programmeCostsKey,
  stageProgrammeCosts,
} from '../repository/programme-costs-repository.ts';
import { todayOf } from './youth-command-support.ts';

/** The most one month's programme costs may be, in whole kroner: far above any municipality's. */
export const MAX_MONTH_COSTS_DKK = 100_000_000;

/** The input of `recordProgrammeCosts`. */
export const RecordProgrammeCostsInputSchema = z.object({
  municipalityCode: MunicipalityCodeSchema,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
  amountDkk: z
    .number()
    .int('must be whole kroner')
    .min(0, 'must not be negative')
    .max(MAX_MONTH_COSTS_DKK, `must be at most ${MAX_MONTH_COSTS_DKK}`),
  expectedVersion: ExpectedVersionSchema,
});

/** Who records a municipality's programme costs: its team leader, or the programme office. */
export function mayRecordProgrammeCosts(identity: Identity, municipalityCode: unknown): boolean {
  if (identity.role === 'PROGRAMME') return true;
  if (identity.role !== 'TEAM_LEADER') return false;
  const code = MunicipalityCodeSchema.safeParse(municipalityCode);
  // A malformed code is left to the command (`BAD_USER_INPUT`).
  return !code.success || code.data === identity.municipalityCode;
}

/** A month's programme costs as recorded. */
export interface ProgrammeCostsView {
  municipalityCode: string;
  month: string;
  amountDkk: number;
  version: number;
}

const RememberedSchema = z.object({
  municipalityCode: z.string(),
  month: z.string(),
  amountDkk: z.number(),
  version: z.number(),
});

/**
 * `recordProgrammeCosts`: a month's costs of a municipality, replacing what was recorded for
 * the month, at the version the client read. A month outside the programme (before its start,
 * after this month) is `DATE_OUT_OF_RANGE`.
 */
export const recordProgrammeCostsCommand = defineCommand({
  name: 'recordProgrammeCosts',
  input: RecordProgrammeCostsInputSchema,
  async execute(context, input, work): Promise<ProgrammeCostsView> {
    const thisMonth = monthOf(todayOf(context));
    if (input.month < monthOf(PROGRAMME_START) || input.month > thisMonth) {
      throw new DomainRuleError(
        DATE_OUT_OF_RANGE,
        `The month must be from ${monthOf(PROGRAMME_START)} to ${thisMonth}`,
        ['month'],
      );
    }
    // Read strongly consistent through the request's loader, which the write path forgets.
    context.loader.clear(programmeCostsKey(input.municipalityCode));
    const [costs] = await loadProgrammeCosts(context.loader, [input.municipalityCode]);
    requireVersion('The programme costs', input.expectedVersion, costs?.version ?? 0);
    stageProgrammeCosts(work, input);
    return {
      municipalityCode: input.municipalityCode,
      month: input.month,
      amountDkk: input.amountDkk,
      version: input.expectedVersion + 1,
    };
  },
  remember: (view) => view,
  recall: async (_context, remembered) => RememberedSchema.parse(remembered),
  about: (input) => ({ municipalityCode: input.municipalityCode }),
});
