import { PREFIX } from '#kernel/keys';
import type { IndexName } from '#kernel/table/definition';
import { LC_PREFIX } from '#learning-community/repository/prefixes';
import { PLACEMENTS_PREFIX } from '#placements/repository/prefixes';
import type { SubgraphName } from '#schema/subgraphs';

/**
 * Which table partitions (by the entity prefix that starts every `pk`) one subgraph may touch.
 * `write`: items it owns and changes, including counters and the items it writes into another
 * entity's collection (e.g. placements writes the youth–company link under `YOUTH#…`).
 * `read`: further prefixes it only reads or checks in a transaction (`ConditionCheck`).
 * `append`: prefixes it may only add new items to (`PutItem`, also inside a transaction): the
 * append-only audit trail. No update, no delete, and no read unless `read` names it too.
 */
export interface KeyPrefixGrant {
  /** Read and written (put, update, delete). */
  write: readonly string[];
  /** Read only. */
  read: readonly string[];
  /** Only new items added (the audit trail). */
  append?: readonly string[];
  /** Counters updated in place and never read otherwise: `UpdateItem` only. */
  counters?: readonly string[];
  /** The indexes it may query, read-only. @default all three */
  indexes?: readonly IndexName[];
}

/**
 * The table's key prefixes per subgraph: the one place IAM `dynamodb:LeadingKeys` conditions
 * are built from (see `infra/constructs/table-access.ts`).
 *
 * What this does and does not protect:
 * - A subgraph's role can read and write only items whose partition key starts with one of its
 *   prefixes, so a bug or an injected key cannot make, say, learning-community overwrite a
 *   placement or read a psychologist's note stored under another subgraph's prefix.
 * - Several prefixes are shared, because items of one entity's collection are written by the
 *   subgraph whose transaction they belong to: `YOUTH#` (people owns the profile; placements
 *   writes status changes, links and the placement guard in the same collection), `STATS#`
 *   (placements and learning-community keep their counters there) and `MUNI#` (people's
 *   municipality items, companies' per-municipality counter). LeadingKeys works on the whole
 *   partition key, not the sort key, so it cannot separate those writers further.
 * - Index queries are not covered: `dynamodb:LeadingKeys` is the table's partition key, while a
 *   query on gsi1–gsi3 names an index partition (`gsi1pk`, e.g. `MUNICIPALITIES` or
 *   `MUNI#101#COMPANY`). Each role may query the three indexes, read-only and without a key
 *   condition: the compromise of one overloaded table. Listings by index return whole items
 *   (projection ALL), so tenancy on those paths rests on the subgraphs' own checks (`docs/authorisation.md`).
 * - No role may scan (a scan has no leading key, and `ForAllValues` holds for an empty set).
 *
 * A subgraph that starts writing or reading a new prefix adds it here; the test
 * `tests/infra/key-prefixes.test.ts` seeds each subgraph's demo data on its own and fails on
 * an item written outside that subgraph's `write` prefixes.
 */
export const KEY_PREFIXES: Record<SubgraphName, KeyPrefixGrant> = {
  people: {
    write: [PREFIX.municipality, PREFIX.youth, PREFIX.staff],
    // The data protection officer's queries read the audit trail; a young person's youth groups
    // (`NETWORK#YOUTH#…`, `GROUP#…`) say whose first names they see (`#kernel/group-peers`).
    read: [PREFIX.audit, LC_PREFIX.participant, PREFIX.networkGroup],
    append: [PREFIX.audit],
  },
  companies: {
    write: [
      PREFIX.company,
      PREFIX.contact,
      PREFIX.opportunity,
      PREFIX.cvr,
      PREFIX.prospect,
      // A municipality's company figures, `MUNI#<code>` / `STATS#COMPANY`: counts by status and
      // monthly counters.
      PREFIX.municipality,
    ],
    // A staff caller's standing (`STAFF#<id>` / `STANDING`, `#kernel/current-staff`); a
    // company's company groups (`NETWORK#COMPANY#…`, `GROUP#…`) say which other companies'
    // contacts see its name and contacts (`#kernel/group-peers`).
    read: [PREFIX.staff, LC_PREFIX.participant, PREFIX.networkGroup],
    append: [PREFIX.audit],
  },
  placements: {
    write: [
      PREFIX.placement,
      PLACEMENTS_PREFIX.wish,
      PLACEMENTS_PREFIX.invitation,
      PLACEMENTS_PREFIX.matchingEvent,
      PLACEMENTS_PREFIX.introduction,
      PREFIX.stats,
      // Status changes, youth–company links and ties and the placement guard live in the young
      // person's collection, written in the placement's transaction.
      PREFIX.youth,
      // The occupancy counter of an opportunity, `OPPORTUNITY#<id>` / `OCCUPANCY`.
      PREFIX.opportunity,
      // A company's open placements, `COMPANY_OCCUPANCY#<id>` / `OCCUPANCY` (rimelighedskravet).
      PLACEMENTS_PREFIX.companyOccupancy,
      // Ties between companies that hosted the same young person (`#kernel/ties`).
      PREFIX.tie,
    ],
    // A staff caller's standing (`STAFF#<id>` / `STANDING`) is read as their contact is.
    read: [PREFIX.company, PREFIX.contact, PREFIX.staff],
    append: [PREFIX.audit],
  },
  'learning-community': {
    write: [
      PREFIX.networkGroup,
      PREFIX.stats,
      LC_PREFIX.session,
      LC_PREFIX.participant,
      LC_PREFIX.story,
      LC_PREFIX.learning,
      LC_PREFIX.gathering,
      LC_PREFIX.training,
      LC_PREFIX.suggestion,
      // A young person's tie to the company that hosted a session they came to, in their
      // collection (`YOUTH#<id>` / `TIE#COMPANY#<id>`), written in the attendance's transaction;
      // the young person's own item is only read.
      PREFIX.youth,
      // Ties between companies of the same company group (`#kernel/ties`).
      PREFIX.tie,
    ],
    // A work story's placement is checked to be the young person's own; a gathering's host to
    // be a municipality running NEXTWORK (`MUNI#<code>`).
    read: [PREFIX.staff, PREFIX.company, PREFIX.contact, PREFIX.placement, PREFIX.municipality],
    append: [PREFIX.audit],
  },
};

/**
 * What one subgraph's data-subject function (`subgraphs/<name>/data-subject/`, invoked by the
 * people function only) may touch: the partitions its handler finds, deletes and anonymises a
 * young person's items in, and the indexes it lists them by. Narrower than the subgraph's own
 * grant: no audit trail (people's function writes the ERASURE and EXPORT records), no counters,
 * nothing only read by the subgraph's GraphQL paths.
 *
 * - people: the young person's collection `YOUTH#<id>` (profile, status history, support
 *   notes, and the links and placement guard placements keeps there) and the stub
 *   `YOUTH#<stub>` / `ERASED`; the audit records the young person made (`AUDIT#…`, and the
 *   counts of their rate-limited calls beside their rate counters, `RATE#…`: their subject
 *   replaced), listed on gsi2.
 * - placements: placements (`PLACEMENT#`, with their lifecycle tasks and stubs), wishes,
 *   invitations, introductions and matching events (participation items and member lists),
 *   found through gsi1, and the young person's ties to companies in their collection `YOUTH#<id>`.
 * - learning-community: the participant collection `NETWORK#YOUTH#<id>`, work stories (gsi1),
 *   the young person's suggestions (their author listing on gsi3), and the group and session
 *   items whose member and attendance lists name the young person.
 * - companies: nothing. No item of its prefixes names a young person; its handler answers
 *   without reading the table. A field about young people there adds its prefix here.
 */
export const DATA_SUBJECT_KEY_PREFIXES: Record<
  SubgraphName,
  KeyPrefixGrant & { indexes: readonly IndexName[] }
> = {
  // The audit trail too: an erasure replaces the erased person's subject in the records they
  // made (`people/data-subject/audit-actor-redaction.ts`), found in their partition and on gsi2.
  // And the team's activities about them, in the staff members' partitions (`STAFF#<id>` /
  // `ACTIVITY#…`), found on gsi1 (`YOUTH#<id>#ACTIVITY`): erasure takes the link and note out.
  people: {
    write: [PREFIX.youth, PREFIX.audit, PREFIX.rateLimit, PREFIX.staff],
    read: [],
    indexes: ['gsi1', 'gsi2'],
  },
  companies: { write: [], read: [], indexes: [] },
  placements: {
    write: [
      PREFIX.placement,
      PLACEMENTS_PREFIX.wish,
      PLACEMENTS_PREFIX.invitation,
      PLACEMENTS_PREFIX.matchingEvent,
      PLACEMENTS_PREFIX.introduction,
      // The young person's ties to companies, `YOUTH#<id>` / `TIE#COMPANY#<id>`.
      PREFIX.youth,
    ],
    read: [],
    indexes: ['gsi1'],
  },
  'learning-community': {
    write: [
      LC_PREFIX.participant,
      LC_PREFIX.story,
      PREFIX.networkGroup,
      LC_PREFIX.session,
      // The young person's suggestions to the network, found on their author listing (gsi3).
      LC_PREFIX.suggestion,
      // Their ties to other young people, and the others' ties to them (`YOUTH#…` / `TIE#YOUTH`).
      PREFIX.youth,
    ],
    read: [],
    indexes: ['gsi1', 'gsi3'],
  },
};

/**
 * The lifecycle reconciler's table access: the placements whose lifecycle it restarts (read,
 * and the lifecycle record written back on condition of its version), found through the sparse
 * index of running lifecycles (gsi3, the only index it is granted). No audit trail: a restart
 * is the system's repair, logged, as the lifecycle's own steps are.
 */
export const LIFECYCLE_RECONCILER_KEY_PREFIXES: KeyPrefixGrant = {
  write: [PREFIX.placement],
  read: [],
};

/**
 * The gateway's table access, exactly what it uses: its per-identity rate-limit counters
 * (`RATE#…`, one `UpdateItem` that adds and returns the count) and its own refusals (depth,
 * aliases, cost, rate limit, size, batching, introspection, invalid tokens) appended to the
 * audit trail; and one read, of the fixed `HEALTH#…` key `/health` asks for. No item of the
 * subgraphs read, no index: it reads no data of theirs. DynamoDB still uses the table key for
 * those calls, so the key grant (through DynamoDB only) stays.
 */
export const GATEWAY_KEY_PREFIXES: KeyPrefixGrant = {
  write: [],
  // `/health` reads one fixed key there (`gateway/health.ts`), to see that DynamoDB answers.
  read: [PREFIX.health],
  counters: [PREFIX.rateLimit],
  append: [PREFIX.audit],
  indexes: [],
};

/**
 * The `dynamodb:LeadingKeys` patterns for prefixes: `YOUTH` → `YOUTH#*`.
 *
 * @param prefixes - entity prefixes without the separator
 */
export function leadingKeyPatterns(prefixes: readonly string[]): string[] {
  return [...new Set(prefixes)].sort().map((prefix) => `${prefix}#*`);
}

/**
 * The data migrations' function (`infra/constructs/data-migrations.ts`): its ledger
 * (`MIGRATION#…`) and exactly what the migrations of `infra/migrations/all-migrations.ts` touch —
 * the month items folded into the counter items of people and companies (`MUNI#…`) and of
 * placements and the learning community (`STATS#…`); the contact persons and opportunities
 * placed under their company on gsi3 (`CONTACT#…`, `OPPORTUNITY#…`), each move checked against
 * the company (`COMPANY#…`, read only); the placements left early for education or a job and
 * stored as interrupted, completed (`PLACEMENT#…`), found through each young person's
 * placements; the ties derived from a young person's wishes, invitations, placements and
 * introductions (read on gsi1), written under `YOUTH#…` and `TIE#…`; the participant tasks of
 * the running lifecycles' open steps (`YOUTH#…`), read from the placement's lifecycle tasks. The
 * municipalities, a municipality's companies and young people, and a young person's placements
 * are listed on gsi1, the running lifecycles on gsi3, the only indexes it queries; each company's
 * occupancy (`COMPANY_OCCUPANCY#…`) gathers its open placements. A new
 * migration that touches another prefix adds
 * it here; `tests/integration/migrations-month-items.test.ts` fails on a write outside these.
 */
export const MIGRATIONS_KEY_PREFIXES: KeyPrefixGrant = {
  write: [
    PREFIX.migration,
    PREFIX.municipality,
    PREFIX.stats,
    PREFIX.contact,
    PREFIX.opportunity,
    PREFIX.placement,
    // 0007: ties derived from stored records, in the young person's collection and between
    // companies (`TIE#…`); 0009: participant tasks in the young person's collection; 0012:
    // young people's and companies' ties from the groups' member lists.
    PREFIX.youth,
    PREFIX.tie,
    // 0014: each company's open placements gathered in its occupancy.
    PLACEMENTS_PREFIX.companyOccupancy,
  ],
  // 0012 reads the network groups (listed per municipality on gsi1).
  read: [PREFIX.company, PREFIX.networkGroup],
  indexes: ['gsi1', 'gsi3'],
};
