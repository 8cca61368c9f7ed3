import fc from 'fast-check';
import {
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
} from 'graphql';
import { type InputSite, inputSites, withoutFieldAt, withValueAt } from './input-sites.ts';
import type { MutationScene } from './mutation-scene.ts';
import type { WorldRecord } from './world-records.ts';

/** The classes of bad input of issue 24, item 7. */
export const BAD_INPUT_CLASSES = [
  'wrong types',
  'out of range',
  'hostile strings',
  'wrong ids',
] as const;
export type BadInputClass = (typeof BAD_INPUT_CLASSES)[number];

/** One generated bad input: what is wrong with it, and the whole input to send. */
export interface BadInput {
  /** Where the bad value is (`outcome.date`); empty when it is beside the fields. */
  path: string;
  what: string;
  input: Record<string, unknown>;
}

/** Where the wrong ids come from: another municipality than the scene's. */
export interface IdSources {
  records: readonly WorldRecord[];
  municipalityCode: string;
  otherMunicipalityCode: string;
}

/** A value of the wrong shape for a type: GraphQL's input coercion refuses every one of them. */
function wrongTypeValues(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return fc.constantFrom<unknown>([[]], [[1, 2]], { not: 'a list' });
  if (isInputObjectType(nullable)) return fc.oneof(fc.string(), fc.integer(), fc.constant([[]]));
  if (isEnumType(nullable)) {
    const known = new Set(nullable.getValues().map((v) => v.value));
    return fc.oneof(
      fc.stringMatching(/^[A-Z_]{1,12}$/).filter((s) => !known.has(s)),
      fc.integer(),
      fc.constant(nullable.getValues()[0]?.value.toLowerCase()),
    );
  }
  const objects = fc.oneof(fc.constant({}), fc.array(fc.string(), { minLength: 2, maxLength: 3 }));
  switch (getNamedType(type).name) {
    case 'Int':
      return fc.oneof(
        fc.string(),
        fc.double({ noInteger: true, noNaN: true }),
        fc.boolean(),
        objects,
      );
    case 'Boolean':
      return fc.oneof(fc.constantFrom('true', 'yes'), fc.integer(), objects);
    case 'ID':
      // An Int is a valid ID in GraphQL (coerced to its text), so it is not a wrong type here.
      return fc.oneof(fc.double({ noInteger: true, noNaN: true }), fc.boolean(), objects);
    case 'Date':
      return fc.oneof(
        fc.integer(),
        fc.boolean(),
        objects,
        fc.constantFrom('not a date', '07-12-2026', '2026/12/07', '2026-12-07T25:00:00Z'),
      );
    default:
      return fc.oneof(fc.integer(), fc.boolean(), objects);
  }
}

/** Wrong types at any place, a required field left out or null, a field the type lacks. */
function wrongTypes(scene: MutationScene, sites: readonly InputSite[]): fc.Arbitrary<BadInput> {
  const { input, mutation, validValue } = scene;
  const put = (site: InputSite, value: unknown) =>
    withValueAt(input, mutation.inputType, site.path, value, validValue);
  const required = sites.filter((s) => s.required);
  const arbitraries: Array<fc.Arbitrary<BadInput>> = [
    fc.constantFrom(...sites).chain((site) =>
      wrongTypeValues(site.type).map((value) => ({
        path: site.path.join('.'),
        what: `${site.path.join('.')} = ${preview(value)}`,
        input: put(site, value),
      })),
    ),
    fc.constant({
      path: '',
      what: 'a field the input type lacks',
      input: { ...input, notAField: 1 },
    }),
  ];
  if (required.length > 0) {
    arbitraries.push(
      fc.constantFrom(...required).chain((site) =>
        fc.constantFrom(
          {
            path: site.path.join('.'),
            what: `${site.path.join('.')} left out`,
            input: withoutFieldAt(input, site.path),
          },
          {
            path: site.path.join('.'),
            what: `${site.path.join('.')} = null`,
            input: put(site, null),
          },
        ),
      ),
    );
  }
  return fc.oneof(...arbitraries);
}

/** Impossible dates, and possible ones no record of this programme can mean. */
const badDates = fc.oneof(
  fc.constantFrom('2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10'),
  fc.constantFrom('0001-01-01', '9999-12-31'),
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 3000, max: 9999 })),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) =>
      [y, m, d].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-'),
    ),
);

/** Negative, huge (past Int, and inside Int but past any count), and not whole. */
const badInts = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: -1 }),
  fc.integer({ min: 1_000_000, max: 2 ** 31 - 1 }),
  fc.constantFrom(2 ** 31, 2 ** 53, 1e300),
  fc.double({ min: -1e6, max: 1e6, noInteger: true, noNaN: true }),
);

/** Out-of-range numbers in every Int, out-of-range dates in every Date. */
function outOfRange(scene: MutationScene, sites: readonly InputSite[]) {
  const numeric = sites.filter((s) => ['Int', 'Date'].includes(String(getNullableType(s.type))));
  if (numeric.length === 0) return undefined;
  return fc.constantFrom(...numeric).chain((site) =>
    (String(getNullableType(site.type)) === 'Int' ? badInts : badDates).map(
      (value): BadInput => ({
        path: site.path.join('.'),
        what: `${site.path.join('.')} = ${preview(value)}`,
        input: withValueAt(
          scene.input,
          scene.mutation.inputType,
          site.path,
          value,
          scene.validValue,
        ),
      }),
    ),
  );
}

/**
 * What text must not hold: C0 controls but tab, newline and carriage return; DEL; C1 controls
 * (CSI among them); an ANSI escape; bidirectional overrides and isolates; lone surrogates.
 */
const HOSTILE_PIECES = [
  '\u0000',
  '\u0007',
  '\u0008',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b31m',
  '\u202e',
  '\u202d',
  '\u2066',
  '\ud800',
  '\udfff',
];

const hostileText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(...HOSTILE_PIECES),
        fc.string({ maxLength: 8 }),
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom('a', 'ø', 'é').map((c) => c.repeat(100_000)) },
);

/** Hostile text in every String. */
function hostileStrings(scene: MutationScene, sites: readonly InputSite[]) {
  const strings = sites.filter((s) => String(getNullableType(s.type)) === 'String');
  if (strings.length === 0) return undefined;
  return fc.constantFrom(...strings).chain((site) =>
    hostileText.map(
      (value): BadInput => ({
        path: site.path.join('.'),
        what: `${site.path.join('.')} = ${preview(value)}`,
        input: withValueAt(
          scene.input,
          scene.mutation.inputType,
          site.path,
          value,
          scene.validValue,
        ),
      }),
    ),
  );
}

/**
 * For an id field: a real id of every other kind in the scene's municipality, the same kind's
 * first id in another municipality, and an id of the right shape that names nothing.
 */
function wrongIdsFor(scene: MutationScene, site: InputSite, sources: IdSources): string[] {
  const kind = scene.kindOfField(site.field);
  const here = sources.records.filter((r) => r.municipalityCode === sources.municipalityCode);
  const firstOfEachOtherKind = [...new Set(here.map((r) => r.kind))]
    .filter((k) => k !== kind)
    .map((k) => here.find((r) => r.kind === k)?.id);
  // Another municipality's record is outside a municipal caller's reach, but within the reach of
  // a caller with no municipality (the programme office exports any municipality's data).
  const programmeWide = scene.role === 'PROGRAMME';
  const elsewhere = programmeWide
    ? undefined
    : sources.records.find(
        (r) => r.kind === kind && r.municipalityCode === sources.otherMunicipalityCode,
      )?.id;
  const valid = scene.validValue(site.type, site.field);
  const named = typeof valid === 'string' ? valid : sources.municipalityCode;
  return [...firstOfEachOtherKind, elsewhere, `${named}0`].filter(
    (id): id is string => id !== undefined,
  );
}

/** Ids of the wrong kind, of another municipality, or of nothing, in every ID. */
function wrongIds(scene: MutationScene, sites: readonly InputSite[], sources: IdSources) {
  const ids = sites.filter((s) => String(getNullableType(s.type)) === 'ID');
  if (ids.length === 0) return undefined;
  return fc.constantFrom(...ids).chain((site) =>
    fc.constantFrom(...wrongIdsFor(scene, site, sources)).map(
      (value): BadInput => ({
        path: site.path.join('.'),
        what: `${site.path.join('.')} = ${value}`,
        input: withValueAt(
          scene.input,
          scene.mutation.inputType,
          site.path,
          value,
          scene.validValue,
        ),
      }),
    ),
  );
}

/**
 * The generator of one class of bad input for a mutation, from its input type; undefined when
 * the type has no place for that class (no Int or Date, no String, no ID).
 *
 * @param badClass - the class
 * @param scene - the mutation, its caller and its valid input
 * @param sources - where wrong ids come from
 */
export function badInputs(
  badClass: BadInputClass,
  scene: MutationScene,
  sources: IdSources,
): fc.Arbitrary<BadInput> | undefined {
  const sites = inputSites(scene.mutation.inputType);
  const generated = {
    'wrong types': () => wrongTypes(scene, sites),
    'out of range': () => outOfRange(scene, sites),
    'hostile strings': () => hostileStrings(scene, sites),
    'wrong ids': () => wrongIds(scene, sites, sources),
  }[badClass]();
  // fast-check prints a counterexample by this, not by the input (100 000 characters at times).
  return generated?.map((bad) => Object.assign(bad, { [fc.toStringMethod]: () => bad.what }));
}

/**
 * A value, short enough for a test report, with everything but printable ASCII escaped: a bidi
 * override or a C1 control printed as itself would hide in the report as it hides in the data.
 */
export function preview(value: unknown): string {
  const json = (JSON.stringify(value) ?? String(value)).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return json.length > 60 ? `${json.slice(0, 40)}…(${json.length} characters)` : json;
}
