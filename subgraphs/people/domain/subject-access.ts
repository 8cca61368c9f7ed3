import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { DATA_SUBJECT_SUBGRAPHS, type DataSubjectDispatcher } from '#kernel/data-subject';
import { DomainRuleError, ForbiddenError } from '#kernel/errors';
import { type Identity, isStaffRole } from '#kernel/identity';
import { EntityIdSchema, parseInput } from '#kernel/validation';
import { readYouth } from '../repository/youth-repository.ts';
import { YOUTH_RULE } from './youth-commands.ts';

/**
 * GDPR art. 15, the right of access: a JSON document of everything NEXTWORK holds about a young
 * person, gathered from every subgraph through the one `DataSubjectDispatcher`.
 *
 * Who may ask: the young person themself; staff of their municipality on their behalf; the
 * data protection officer of their municipality (who carries out access requests, DESIGN §5).
 * The CPR number appears only masked. Support notes are the psychologist's working notes:
 * their text is in the document only when the data protection officer produces it — they
 * decide on the exemptions of databeskyttelsesloven §22 before handing it over — and the
 * others see that notes exist and how many.
 */

/** The input of `exportYouthData`. */
export const ExportYouthDataInputSchema = z.object({ youthId: EntityIdSchema });

/** What `exportYouthData` returns: the young person, when, and the document as JSON. */
export interface YouthDataExport {
  youthId: string;
  generatedAt: string;
  /** The JSON document, one section per subgraph. */
  document: string;
}

/** Whether the caller may ask for the young person's data, by role only (before reading). */
function mayAskByRole(identity: Identity, youthId: string): boolean {
  if (identity.role === 'YOUTH') return identity.youthId === youthId;
  return isStaffRole(identity.role) || identity.role === 'DATA_PROTECTION_OFFICER';
}

/** Whether the caller may ask for this young person's data. */
function mayAsk(identity: Identity, youth: { id: string; municipalityCode: string }): boolean {
  if (identity.role === 'YOUTH') return identity.youthId === youth.id;
  if ('staffId' in identity || identity.role === 'DATA_PROTECTION_OFFICER') {
    return identity.municipalityCode === youth.municipalityCode;
  }
  return false;
}

/** The people section with support notes' text withheld, for everyone but the DPO. */
function withNotesWithheld(section: Record<string, unknown>): Record<string, unknown> {
  const notes = Array.isArray(section.supportNotes) ? section.supportNotes : [];
  return {
    ...section,
    supportNotes: {
      count: notes.length,
      note: 'Support notes are handed over by the data protection officer on request.',
    },
  };
}

/**
 * Produces the art. 15 document of a young person.
 *
 * @param context - the request
 * @param rawInput - `ExportYouthDataInput`
 * @param dispatcher - reaches every subgraph's data-subject handler
 */
export async function exportYouthData(
  context: SubgraphContext,
  rawInput: unknown,
  dispatcher: DataSubjectDispatcher = context.services.dataSubjects(),
): Promise<YouthDataExport> {
  const identity = requireIdentity(context);
  const input = parseInput(ExportYouthDataInputSchema, rawInput);
  if (!mayAskByRole(identity, input.youthId)) {
    throw new ForbiddenError("This young person's data is not open to you");
  }
  const youth = await readYouth(context.table, input.youthId);
  if (!youth) throw new DomainRuleError(YOUTH_RULE.NOT_FOUND, 'No such young person', ['youthId']);
  if (!mayAsk(identity, youth))
    throw new ForbiddenError("This young person's data is not open to you");
  const answers = await Promise.all(
    DATA_SUBJECT_SUBGRAPHS.map((subgraph) =>
      dispatcher.send(subgraph, { operation: 'collect', youthId: youth.id }),
    ),
  );
  const sections: Record<string, unknown> = {};
  DATA_SUBJECT_SUBGRAPHS.forEach((subgraph, index) => {
    const section = (answers[index]?.sections ?? {}) as Record<string, unknown>;
    sections[subgraph] =
      subgraph === 'people' && identity.role !== 'DATA_PROTECTION_OFFICER'
        ? withNotesWithheld(section)
        : section;
  });
  const generatedAt = context.now().toISOString();
  const document = {
    about: 'Personal data held by NEXTWORK (GDPR art. 15)',
    youthId: youth.id,
    controller: { municipalityCode: youth.municipalityCode },
    generatedAt,
    purposes: [
      'Running the NEXTWORK programme for the young person (placements, networks, follow-up)',
      'Programme figures (counts only) and, with consent, the pseudonymised effect evaluation',
    ],
    sections,
  };
  context.audit.record({
    action: 'EXPORT',
    target: 'Mutation.exportYouthData',
    youthId: youth.id,
    municipalityCode: youth.municipalityCode,
  });
  context.logger.info('Subject access export produced', { youthId: youth.id });
  return { youthId: youth.id, generatedAt, document: JSON.stringify(document) };
}
