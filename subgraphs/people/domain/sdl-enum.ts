/**
 * The values of an enum the SDL declares, listed once in the domain (for a zod schema, an
 * order), and checked against the generated type: a value the list lacks, or one the SDL does
 * not have, fails the typecheck. The SDL stays the one declaration of the enum.
 *
 * @example `const YOUTH_STATUSES = valuesOf<YouthStatus>()(['ENROLLED', …])`
 */
export function valuesOf<Sdl extends string>() {
  return <const Values extends readonly [Sdl, ...Sdl[]]>(
    values: Values &
      ([Exclude<Sdl, Values[number]>] extends [never]
        ? unknown
        : { missingFromTheList: Exclude<Sdl, Values[number]> }),
  ): Values => values;
}
