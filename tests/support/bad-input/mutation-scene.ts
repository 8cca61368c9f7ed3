import {
  type GraphQLInputType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import type { DevTokenSubject } from '#infra/local/dev-issuer';
import type { Role } from '#kernel/identity';
import { aValidCvr } from '../companies-factories.ts';
import { allowedRole } from './allowed-callers.ts';
import { inputSites } from './input-sites.ts';
import type { SchemaMutation } from './schema-mutations.ts';
import { kindOfIdField, type WorldRecord } from './world-records.ts';

/** Whom the valid input is about: the municipality, and the young person and company in it. */
export interface SceneSetting {
  municipalityCode: string;
  youthId: string;
  companyId: string;
  /** Today, `YYYY-MM-DD`: valid dates are near it. */
  today: string;
}

/**
 * A mutation ready to be called with bad input: who calls it (a role its rule lets in, scoped to
 * the records the input names), a valid input (real ids of the caller's municipality, the named
 * record's current version), and a builder of valid values for parts the input leaves out.
 */
export interface MutationScene {
  mutation: SchemaMutation;
  role: Role;
  scope: Omit<DevTokenSubject, 'role'>;
  input: Record<string, unknown>;
  /** A valid value of a type (an optional object or list that a bad value is put into). */
  validValue(type: GraphQLInputType, field?: string): unknown;
  /** The kind of record an id field names, when it names one. */
  kindOfField(field: string): string | undefined;
}

/** Values that a field's name asks for; anything else gets a plain value of its type. */
const STRING_HINTS: ReadonlyArray<[RegExp, () => string]> = [
  [/email/i, () => 'kontakt@example.dk'],
  [/phone/i, () => '12345678'],
  [/^cvr$/i, aValidCvr],
  [/postcode/i, () => '4000'],
];
const INT_HINTS: Readonly<Record<string, number>> = { weeklyHours: 20, places: 1, rank: 1 };
/** Days from today of a date field, by its name (an end after a start, a birth long ago). */
const DATE_HINTS: ReadonlyArray<[RegExp, number]> = [
  [/birth/i, -365 * 24],
  [/end|until|^to$/i, 60],
  [/start|from/i, 7],
];
/** Ids that name a part of a record rather than a record (a placement's checkpoints). */
const PART_IDS: Readonly<Record<string, string>> = { checkpointId: 'cp-1' };

function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Sets the scene of one mutation in the seeded world.
 *
 * @param mutation - the mutation, from the schema
 * @param records - the seeded world's records
 * @param setting - the municipality and the young person and company the input is about
 */
export function mutationScene(
  mutation: SchemaMutation,
  records: readonly WorldRecord[],
  setting: SceneSetting,
): MutationScene {
  const kinds = [...new Set(records.map((r) => r.kind))];
  const changedKind = mutation.changedTypes.find((t) => kinds.includes(t));
  const kindOfField = (field: string) =>
    field === 'id' ? changedKind : field in PART_IDS ? undefined : kindOfIdField(field, kinds);

  let youthId = setting.youthId;
  let companyId = setting.companyId;
  // The record the mutation is about, its tie to the setting's young person or company first.
  const choose = (kind: string): WorldRecord | undefined => {
    const candidates = records.filter(
      (r) =>
        r.kind === kind &&
        (r.municipalityCode === undefined || r.municipalityCode === setting.municipalityCode),
    );
    const score = (r: WorldRecord) =>
      (r.youthId === youthId ? 2 : 0) +
      (r.companyId === companyId ? 2 : 0) +
      (r.subKind === 'YOUTH' ? 1 : 0);
    return candidates.reduce<WorldRecord | undefined>(
      (best, r) => (best === undefined || score(r) > score(best) ? r : best),
      undefined,
    );
  };

  const primaryField = inputSites(mutation.inputType).find(
    (site) =>
      site.path.length === 1 &&
      site.required &&
      String(getNullableType(site.type)) === 'ID' &&
      kindOfField(site.field) !== undefined,
  )?.field;
  const primaryKind = primaryField ? kindOfField(primaryField) : undefined;
  const primary = primaryKind ? choose(primaryKind) : undefined;
  youthId = primary?.youthId ?? youthId;
  companyId = primary?.companyId ?? companyId;

  const idFor = (field: string): string => {
    const part = PART_IDS[field];
    if (part) return part;
    const kind = kindOfField(field);
    if (kind === 'Municipality' || kind === undefined) return setting.municipalityCode;
    if (field === primaryField && primary) return primary.id;
    return choose(kind)?.id ?? setting.municipalityCode;
  };

  const validValue = (type: GraphQLInputType, field = ''): unknown => {
    if (isNonNullType(type)) return validValue(type.ofType, field);
    if (isListType(type)) return [validValue(type.ofType, field)];
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) {
        if (isNonNullType(f.type) && f.defaultValue === undefined) {
          value[f.name] = validValue(f.type, f.name);
        }
      }
      return value;
    }
    if (isEnumType(type)) return type.getValues()[0]?.value;
    if (!isScalarType(type)) return null;
    switch (type.name) {
      case 'ID':
        return idFor(field);
      case 'Int':
        return field === 'expectedVersion' ? (primary?.version ?? 1) : (INT_HINTS[field] ?? 1);
      case 'Boolean':
        return true;
      case 'Date':
        return plusDays(setting.today, DATE_HINTS.find(([re]) => re.test(field))?.[1] ?? 0);
      default:
        return STRING_HINTS.find(([re]) => re.test(field))?.[1]() ?? 'Et roligt almindeligt svar';
    }
  };

  const role = allowedRole(mutation.name);
  const scope: Omit<DevTokenSubject, 'role'> =
    role === 'YOUTH'
      ? { youthId, municipalityCode: setting.municipalityCode }
      : role === 'COMPANY_CONTACT'
        ? { companyId }
        : role === 'PROGRAMME'
          ? {}
          : { municipalityCode: setting.municipalityCode };
  const input = validValue(mutation.inputType) as Record<string, unknown>;
  return { mutation, role, scope, input, validValue, kindOfField };
}
