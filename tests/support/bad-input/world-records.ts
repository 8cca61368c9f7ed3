import type { TableSnapshot } from './table-snapshot.ts';

/** A record of the seeded world that an input may name: its kind (entity), id and ties. */
export interface WorldRecord {
  /** The entity's name, which is the GraphQL type's (`Youth`, `PlacementOpportunity` …). */
  kind: string;
  id: string;
  /** Its municipality; none for programme-wide records (gatherings, trainings). */
  municipalityCode?: string;
  youthId?: string;
  companyId?: string;
  version?: number;
  /** The record's own kind attribute, where it has one (a network group's `YOUTH`/`COMPANY`). */
  subKind?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The records of a table snapshot that an id in an input can name: every item with an `entity`
 * and an `id` (a municipality by its `code`), in key order so that choices are repeatable.
 *
 * @param snapshot - the seeded table
 */
export function worldRecords(snapshot: TableSnapshot): WorldRecord[] {
  const records: WorldRecord[] = [];
  for (const { item } of snapshot.items.values()) {
    const kind = text(item.entity);
    const id = kind === 'Municipality' ? text(item.code) : text(item.id);
    if (!kind || !id) continue;
    const municipalityCode = kind === 'Municipality' ? id : text(item.municipalityCode);
    const record: WorldRecord = { kind, id };
    if (municipalityCode) record.municipalityCode = municipalityCode;
    const youthId = kind === 'Youth' ? id : text(item.youthId);
    if (youthId) record.youthId = youthId;
    const companyId = kind === 'Company' ? id : text(item.companyId);
    if (companyId) record.companyId = companyId;
    if (typeof item.version === 'number') record.version = item.version;
    const subKind = text(item.kind);
    if (subKind) record.subKind = subKind;
    records.push(record);
  }
  return records.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Names an id field's kind of record: `youthId` → `Youth`, `mentorContactId` →
 * `CompanyContact`, `shareWithGroupId` → `NetworkGroup`, `hostMunicipalityCode` →
 * `Municipality` — the kind whose name ends with the field's stem or its last word. Staff fields
 * are named for the staff member's part (consultant, facilitator), and a group's members for
 * who they are, so those few stems are listed.
 *
 * @param field - the input field's name
 * @param kinds - the kinds of record there are
 */
export function kindOfIdField(field: string, kinds: readonly string[]): string | undefined {
  const stem = field.replace(/(Ids?|Codes?)$/, '');
  if (/municipality$/i.test(stem)) return 'Municipality';
  const ALIASES: Record<string, string> = {
    consultant: 'StaffMember',
    facilitator: 'StaffMember',
    staff: 'StaffMember',
    author: 'StaffMember',
    member: 'Youth',
  };
  const lastWord = stem.replace(/^.*(?=[A-Z])/, '').toLowerCase();
  const alias = ALIASES[stem] ?? ALIASES[lastWord];
  if (alias) return alias;
  const endsWith = (suffix: string) =>
    kinds.find((kind) => kind.toLowerCase().endsWith(suffix.toLowerCase()));
  return endsWith(stem) ?? endsWith(lastWord);
}
