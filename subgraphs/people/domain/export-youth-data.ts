import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { DATA_SUBJECT_SUBGRAPHS } from '#kernel/data-subject';
import { EntityIdSchema } from '#kernel/validation';
import { loadOneYouth } from '../repository/youth-repository.ts';
import { audienceAllowed } from './audience.ts';
import { type DataSubjectAudience, dataSubjectAudience } from './data-subject-access.ts';
import type { Youth } from './youth.ts';
import { YOUTH_FIELD_ACCESS } from './youth-access.ts';
import { requireYouthFound } from './youth-rules.ts';

/**
 * GDPR art. 15, the right of access: a JSON document of everything NEXTWORK holds about a young
 * person, gathered from every subgraph through the one `DataSubjectDispatcher`.
 *
 * Who may ask (`DATA_SUBJECT_ACCESS.exportYouthData`): the young person themself; staff of their
 * municipality on their behalf; the data protection officer of their municipality (who carries
 * out access requests, `docs/authorisation.md`). The CPR number appears only masked. Support
 * notes are the psychologist's working notes: their text is in the document only when the data
 * protection officer produces it — they decide on the exemptions of databeskyttelsesloven §22
 * before handing it over. That notes exist, and how many, is itself what only the psychologist
 * may know (`YOUTH_FIELD_ACCESS.supportNotes`): the psychologist's document counts them, and
 * everyone else's says nothing of them.
 */

/** The input of `exportYouthData`. */
export const ExportYouthDataInputSchema = z.object({ youthId: EntityIdSchema });

/** What `exportYouthData` returns: the young person, when, and the document as JSON. */
export interface YouthDataExport {
  youthId: string;
  /** The young person's municipality, for the audit record (not in the payload). */
  municipalityCode: string;
  generatedAt: string;
  /** The JSON document, one section per subgraph. */
  document: string;
}

/**
 * The people section as the caller may be handed it: the support notes' text and the
 * psychologist's contacts (the psychologist's working record alike, `YOUTH_FIELD_ACCESS`) for
 * the data protection officer, their counts for those who may read them (the psychologist),
 * nothing of them for anyone else.
 */
function peopleSectionFor(
  audience: DataSubjectAudience | null,
  section: Record<string, unknown>,
): Record<string, unknown> {
  if (audience === 'DATA_PROTECTION_OFFICER') return section;
  const { supportNotes, psychologistContacts, ...rest } = section;
  if (audience === null || !audienceAllowed(audience, YOUTH_FIELD_ACCESS.supportNotes)) {
    return rest;
  }
  return {
    ...rest,
    supportNotes: {
      count: Array.isArray(supportNotes) ? supportNotes.length : 0,
      note: 'Support notes are handed over by the data protection officer on request.',
    },
    psychologistContacts: {
      count: Array.isArray(psychologistContacts) ? psychologistContacts.length : 0,
      note: "The psychologist's contacts are handed over by the data protection officer on request.",
    },
  };
}

/** Every subgraph's section of the document, as the caller may be handed it. */
async function sectionsFor(
  context: SubgraphContext,
  youth: Youth,
): Promise<Record<string, unknown>> {
  const youthId = youth.id;
  const audience = dataSubjectAudience(requireIdentity(context), youth);
  const dispatcher = context.services.dataSubjects();
  const answers = await Promise.all(
    DATA_SUBJECT_SUBGRAPHS.map((subgraph) =>
      dispatcher.send(subgraph, { operation: 'collect', youthId }),
    ),
  );
  const sections: Record<string, unknown> = {};
  DATA_SUBJECT_SUBGRAPHS.forEach((subgraph, index) => {
    const section = (answers[index]?.sections ?? {}) as Record<string, unknown>;
    sections[subgraph] = subgraph === 'people' ? peopleSectionFor(audience, section) : section;
  });
  return sections;
}

/** The art. 15 document of a young person, produced at a given instant. */
async function exportOf(
  context: SubgraphContext,
  youth: Youth,
  generatedAt: string,
): Promise<YouthDataExport> {
  const document = {
    about: 'Personal data held by NEXTWORK (GDPR art. 15)',
    youthId: youth.id,
    controller: { municipalityCode: youth.municipalityCode },
    generatedAt,
    purposes: [
      'Running the NEXTWORK programme for the young person (placements, networks, follow-up)',
      'Programme figures (counts only) and, with consent, the pseudonymised effect evaluation',
    ],
    sections: await sectionsFor(context, youth),
  };
  const { id: youthId, municipalityCode } = youth;
  return { youthId, municipalityCode, generatedAt, document: JSON.stringify(document) };
}

const RememberedExportSchema = z.object({ youthId: z.string(), generatedAt: z.string() });

/**
 * `exportYouthData`: produces the art. 15 document of a young person. It writes nothing but its
 * `EXPORT` audit record (and, with a key, the idempotency record), in one transaction.
 *
 * A repeat with the same idempotency key is answered with the document gathered again under the
 * first call's time (the document itself is personal data, and the idempotency record keeps
 * none); handing it out again is a read of the young person's data, audited as a `READ` unless
 * they asked themself.
 */
export const exportYouthDataCommand = defineCommand({
  name: 'exportYouthData',
  input: ExportYouthDataInputSchema,
  auditAction: 'EXPORT',
  async execute(context, input) {
    const youth = requireYouthFound(await loadOneYouth(context.loader, input.youthId));
    return exportOf(context, youth, context.now().toISOString());
  },
  about: (_input, exported) => ({
    youthId: exported.youthId,
    municipalityCode: exported.municipalityCode,
  }),
  remember: ({ youthId, generatedAt }) => ({ youthId, generatedAt }),
  async recall(context, remembered) {
    const { youthId, generatedAt } = RememberedExportSchema.parse(remembered);
    const youth = requireYouthFound(await loadOneYouth(context.loader, youthId));
    const identity = requireIdentity(context);
    if (identity.role !== 'YOUTH') {
      context.audit.record({
        action: 'READ',
        target: 'Mutation.exportYouthData',
        youthId,
        municipalityCode: youth.municipalityCode,
      });
    }
    return exportOf(context, youth, generatedAt);
  },
});
