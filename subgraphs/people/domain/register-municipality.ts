import * as z from 'zod';
import { answeredById, defineCommand } from '#kernel/command';
import { DomainRuleError } from '#kernel/errors';
import { MunicipalityCodeSchema } from '#kernel/validation';
import { MunicipalityEntity } from '../repository/municipality-entity.ts';
import { loadMunicipalities } from '../repository/municipality-repository.ts';
import { DANISH_MUNICIPALITIES } from './danish-municipalities.ts';
import type { Municipality } from './municipality.ts';

/** Stable codes of the rules of registering a municipality. */
export const MUNICIPALITY_RULE = {
  UNKNOWN_CODE: 'UNKNOWN_MUNICIPALITY_CODE',
  ALREADY_REGISTERED: 'MUNICIPALITY_ALREADY_REGISTERED',
} as const;

/** The input of `registerMunicipality`. */
export const RegisterMunicipalityInputSchema = z.object({ code: MunicipalityCodeSchema });

/**
 * The official name of a Danish municipality, or `UNKNOWN_MUNICIPALITY_CODE`.
 *
 * @param code - the municipality's code
 */
export function requireDanishMunicipality(code: string): string {
  const name = DANISH_MUNICIPALITIES[code];
  if (!name) {
    throw new DomainRuleError(
      MUNICIPALITY_RULE.UNKNOWN_CODE,
      'No Danish municipality has this code',
      ['code'],
    );
  }
  return name;
}

/**
 * `registerMunicipality`: a Danish municipality joins NEXTWORK under its official name (the
 * programme office). From the commit it is listed in `municipalities`, a team training may name
 * it, and its first team leader can be recorded. Registered once: a second registration is
 * `MUNICIPALITY_ALREADY_REGISTERED`, and the item's creation is conditional, so two at once
 * cannot both commit.
 */
export const registerMunicipalityCommand = defineCommand({
  name: 'registerMunicipality',
  input: RegisterMunicipalityInputSchema,
  async execute(context, input, work): Promise<Municipality> {
    const name = requireDanishMunicipality(input.code);
    const [registered] = await loadMunicipalities(context.loader, [input.code]);
    if (registered) {
      throw new DomainRuleError(
        MUNICIPALITY_RULE.ALREADY_REGISTERED,
        'The municipality already runs NEXTWORK',
        ['code'],
      );
    }
    return work.create(MunicipalityEntity, { code: input.code, name });
  },
  ...answeredById(
    'The municipality',
    async (context, code) => (await loadMunicipalities(context.loader, [code]))[0],
    (municipality: Municipality) => municipality.code,
  ),
  about: (_input, municipality) => ({ municipalityCode: municipality.code }),
});
