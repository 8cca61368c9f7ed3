import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_KEYS } from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import {
  collectPlacementsData,
  erasePlacementsData,
} from '#placements/data-subject/placements-data-subject';
import { feedbackTaskId, selfAssessmentTaskId } from '#placements/domain/participant-task';
import { placementFeedbackKey } from '#placements/repository/placement-feedback-entity';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aFeedbackTask,
  aParticipantTask,
  givenParticipantTasks,
  givenSelfAssessmentAnswer,
  givePlacementFeedbackInput,
} from '../support/participant-task-factories.ts';
import {
  aHost,
  aPlacement,
  givenHosts,
  givenPlacements,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

const MY_TASKS = `{ myTasks { id kind occasion assignee title dueDate done doneAt placement { id } } }`;
const GIVE = `mutation ($input: GivePlacementFeedbackInput!) {
  givePlacementFeedback(input: $input) {
    feedback { id side occasion rating whatWorked whatToChange placement { id } }
    errors { code path }
  }
}`;
const FEEDBACK_OF = (id: string) =>
  `{ placement(id: "${id}") { id feedback { side occasion rating whatWorked whatToChange } } }`;
const TASKS_OF = (id: string) =>
  `{ placement(id: "${id}") { participantTasks { id kind assignee done } } }`;

/** A placement of a young person at a company of Roskilde, under way. */
const placementOf = (n: number) =>
  aPlacement({ id: `p-${n}`, youthId: `y-${n}`, companyId: `c-${n}`, status: 'ACTIVE' });

// biome-ignore lint/suspicious/noExplicitAny: results are walked by the shape each query asks for
type Data = Record<string, any>;

describe("placements subgraph: the participants' tasks and feedback on a placement", () => {
  let table: Table;
  const run = (identity: Identity | null, query: string, variables?: Record<string, unknown>) =>
    execute<Data>(server, testContext(table, identity), query, variables);
  const give = (identity: Identity, input: Record<string, unknown>) =>
    run(identity, GIVE, { input });

  beforeAll(async () => {
    table = await createTestTable();
    const ns = [1, 2, 3, 4, 5, 6];
    await givenYoungPeople(
      table,
      '265',
      ns.map((n) => `y-${n}`),
      'IN_PLACEMENT',
    );
    await givenHosts(table, ...ns.map((n) => aHost(`c-${n}`, '265')));
    await givenPlacements(table, ns.map(placementOf));
    const answered = aParticipantTask({ placementId: 'p-1', youthId: 'y-1', companyId: 'c-1' });
    await givenParticipantTasks(
      table,
      answered,
      aParticipantTask({
        placementId: 'p-1',
        youthId: 'y-1',
        companyId: 'c-1',
        id: selfAssessmentTaskId('p-1', 'MIDWAY_EVALUATION', 1),
        step: 'MIDWAY_EVALUATION',
        dueDate: '2026-11-12',
      }),
      ...ns.flatMap((n) =>
        (['YOUTH', 'COMPANY'] as const).map((side) =>
          aFeedbackTask(side, { placementId: `p-${n}`, youthId: `y-${n}`, companyId: `c-${n}` }),
        ),
      ),
    );
    await givenSelfAssessmentAnswer(table, answered);
    // Every young person here but y-6 answered at enrolment (people's occasion `ENROLMENT`).
    for (const n of [1, 2, 3, 4, 5]) {
      await givenSelfAssessmentAnswer(table, { youthId: `y-${n}`, id: 'ENROLMENT' });
    }
  });

  describe('myTasks', () => {
    it('shows a young person their own open tasks, earliest due first, and not a self-assessment they answered', async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-1'), MY_TASKS);

      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.myTasks).toEqual([
        {
          id: feedbackTaskId('p-1', 'MIDWAY', 'YOUTH'),
          kind: 'PLACEMENT_FEEDBACK',
          occasion: 'MIDWAY',
          assignee: 'YOUTH',
          title: expect.stringContaining('midway'),
          dueDate: '2026-11-12',
          done: false,
          doneAt: null,
          placement: { id: 'p-1' },
        },
        expect.objectContaining({
          id: selfAssessmentTaskId('p-1', 'MIDWAY_EVALUATION', 1),
          kind: 'SELF_ASSESSMENT',
          done: false,
        }),
      ]);
    });

    it('shows a young person their self-assessment at enrolment, of no placement, until people holds its answer', async () => {
      // Act
      const before = await run(youthIdentity('265', 'y-6'), MY_TASKS);
      await givenSelfAssessmentAnswer(table, { youthId: 'y-6', id: 'ENROLMENT' });
      const after = await run(youthIdentity('265', 'y-6'), MY_TASKS);

      // Assess
      expect(before.errors).toBeUndefined();
      expect(before.data?.myTasks).toContainEqual({
        id: 'y-6_SA_ENROLMENT',
        kind: 'SELF_ASSESSMENT',
        occasion: 'ENROLMENT',
        assignee: 'YOUTH',
        title: expect.stringContaining('enrolment'),
        dueDate: expect.any(String),
        done: false,
        doneAt: null,
        placement: null,
      });
      expect(after.data?.myTasks.map((t: Data) => t.occasion)).not.toContain('ENROLMENT');
    });

    it("shows a company contact their company's open feedback tasks only", async () => {
      // Act
      const result = await run(companyContactIdentity('c-2'), MY_TASKS);

      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.myTasks.map((t: Data) => t.id)).toEqual([
        feedbackTaskId('p-2', 'MIDWAY', 'COMPANY'),
      ]);
    });

    it('refuses a member of a municipal team and the programme office: their tasks are elsewhere', async () => {
      for (const identity of [staffIdentity('265'), programmeIdentity()]) {
        // Act
        const result = await run(identity, MY_TASKS);

        // Assess
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      }
    });
  });

  describe('givePlacementFeedback', () => {
    it("takes the young person's feedback at the open task's occasion, keeps the words as written and closes the task", async () => {
      // Act
      const result = await give(
        youthIdentity('265', 'y-3'),
        givePlacementFeedbackInput({ placementId: 'p-3' }),
      );

      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.givePlacementFeedback).toEqual({
        feedback: {
          id: 'p-3_MIDWAY_YOUTH',
          side: 'YOUTH',
          occasion: 'MIDWAY',
          rating: 4,
          whatWorked: 'Gode kolleger og faste opgaver',
          whatToChange: 'Mere tid med mentoren',
          placement: { id: 'p-3' },
        },
        errors: [],
      });
      const stored = await table.get(placementFeedbackKey('y-3', 'p-3_MIDWAY_YOUTH'));
      expect(stored).toMatchObject({
        whatWorked: 'Gode kolleger og faste opgaver',
        whatToChange: 'Mere tid med mentoren',
      });
      const tasks = await run(youthIdentity('265', 'y-3'), MY_TASKS);
      expect(tasks.data?.myTasks).toEqual([]);
      const team = await run(staffIdentity('265'), TASKS_OF('p-3'));
      expect(team.data?.placement.participantTasks).toEqual(
        expect.arrayContaining([
          {
            id: feedbackTaskId('p-3', 'MIDWAY', 'YOUTH'),
            kind: 'PLACEMENT_FEEDBACK',
            assignee: 'YOUTH',
            done: true,
          },
          {
            id: feedbackTaskId('p-3', 'MIDWAY', 'COMPANY'),
            kind: 'PLACEMENT_FEEDBACK',
            assignee: 'COMPANY',
            done: false,
          },
        ]),
      );
    });

    it('refuses a second feedback of the same side and occasion with ALREADY_GIVEN, and answers a repeat with the same key as the first', async () => {
      // Prepare
      const contact = companyContactIdentity('c-4');
      const input = givePlacementFeedbackInput({ placementId: 'p-4', idempotencyKey: 'fb-c-4' });
      const first = await give(contact, input);

      // Act
      const repeat = await give(contact, input);
      const second = await give(
        contact,
        givePlacementFeedbackInput({ placementId: 'p-4', occasion: 'MIDWAY', rating: 1 }),
      );

      // Assess
      expect(first.data?.givePlacementFeedback.feedback.side).toBe('COMPANY');
      expect(repeat.data?.givePlacementFeedback).toEqual(first.data?.givePlacementFeedback);
      expect(second.data?.givePlacementFeedback).toEqual({
        feedback: null,
        errors: [{ code: 'ALREADY_GIVEN', path: ['occasion'] }],
      });
    });

    it('answers FEEDBACK_NOT_DUE when no feedback is asked for and none is named, and for the end of a placement still under way', async () => {
      // Prepare
      const youth = youthIdentity('265', 'y-5');
      await give(youth, givePlacementFeedbackInput({ placementId: 'p-5' }));

      // Act
      const none = await give(youth, givePlacementFeedbackInput({ placementId: 'p-5' }));
      const end = await give(
        youth,
        givePlacementFeedbackInput({ placementId: 'p-5', occasion: 'END' }),
      );

      // Assess
      expect(none.data?.givePlacementFeedback.errors).toEqual([
        { code: 'FEEDBACK_NOT_DUE', path: ['occasion'] },
      ]);
      expect(end.data?.givePlacementFeedback.errors).toEqual([
        { code: 'FEEDBACK_NOT_DUE', path: ['occasion'] },
      ]);
    });

    it('answers another young person, a contact of another company, the team and the programme office as for an unknown placement, and writes nothing', async () => {
      for (const identity of [
        youthIdentity('265', 'y-1'),
        companyContactIdentity('c-1'),
        staffIdentity('265'),
        programmeIdentity(),
      ]) {
        // Act
        const result = await give(identity, givePlacementFeedbackInput({ placementId: 'p-6' }));
        const unknown = await give(identity, givePlacementFeedbackInput({ placementId: 'p-none' }));

        // Assess
        expect(result.data?.givePlacementFeedback?.feedback ?? null).toBeNull();
        expect(result).toEqual(unknown);
      }
      expect(await table.get(placementFeedbackKey('y-6', 'p-6_MIDWAY_YOUTH'))).toBeUndefined();
      expect(await table.get(placementFeedbackKey('y-6', 'p-6_MIDWAY_COMPANY'))).toBeUndefined();
    });

    it('refuses a rating outside 1–5 as bad input', async () => {
      // Act
      const result = await give(
        youthIdentity('265', 'y-6'),
        givePlacementFeedbackInput({ placementId: 'p-6', rating: 6 }),
      );

      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('Placement.feedback', () => {
    beforeAll(async () => {
      await give(
        youthIdentity('265', 'y-2'),
        givePlacementFeedbackInput({ placementId: 'p-2', rating: 5 }),
      );
      await give(
        companyContactIdentity('c-2'),
        givePlacementFeedbackInput({ placementId: 'p-2', rating: 3, whatToChange: null }),
      );
    });

    it('shows the team and the young person both sides', async () => {
      for (const identity of [staffIdentity('265'), youthIdentity('265', 'y-2')]) {
        // Act
        const result = await run(identity, FEEDBACK_OF('p-2'));

        // Assess
        expect(result.errors).toBeUndefined();
        expect(result.data?.placement.feedback).toEqual([
          {
            side: 'YOUTH',
            occasion: 'MIDWAY',
            rating: 5,
            whatWorked: 'Gode kolleger og faste opgaver',
            whatToChange: 'Mere tid med mentoren',
          },
          {
            side: 'COMPANY',
            occasion: 'MIDWAY',
            rating: 3,
            whatWorked: 'Gode kolleger og faste opgaver',
            whatToChange: null,
          },
        ]);
      }
    });

    it("shows a company contact their own company's side only", async () => {
      // Act
      const result = await run(companyContactIdentity('c-2'), FEEDBACK_OF('p-2'));

      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data?.placement.feedback.map((f: Data) => f.side)).toEqual(['COMPANY']);
    });

    it("answers another municipality's team, another young person, another company and the programme office as for an unknown placement", async () => {
      for (const identity of [
        staffIdentity('101'),
        youthIdentity('265', 'y-1'),
        companyContactIdentity('c-1'),
        programmeIdentity(),
      ]) {
        // Act
        const refused = await run(identity, FEEDBACK_OF('p-2'));
        const unknown = await run(identity, FEEDBACK_OF('p-nothing'));

        // Assess
        expect(refused.data?.placement ?? null).toBeNull();
        expect(refused).toEqual(unknown);
      }
    });

    it("keeps the participants' tasks of a placement to the team", async () => {
      // Act
      const result = await run(youthIdentity('265', 'y-2'), TASKS_OF('p-2'));

      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });
  });

  describe('audit, art. 15 export and erasure', () => {
    it("records a READ of the young person when the team reads the feedback's words", async () => {
      // Act
      await run(staffIdentity('265'), FEEDBACK_OF('p-2'));

      // Assess
      const reads = (await table.queryAll({ partition: AUDIT_KEYS.youthPartition('y-2') }))
        .filter((item) => item.action === 'READ')
        .map((item) => String(item.target));
      expect(reads).toContain('Placement.feedback');
    });

    it("puts the young person's participant tasks and feedback, with both sides' words, in the export, and erases them", async () => {
      // Act
      const sections = await collectPlacementsData(table, 'y-2');
      await erasePlacementsData(table, 'y-2', 'y-stub');
      const after = await collectPlacementsData(table, 'y-2');

      // Assess
      expect(sections.participantTasks).toEqual([
        expect.objectContaining({ id: feedbackTaskId('p-2', 'MIDWAY', 'COMPANY'), status: 'DONE' }),
        expect.objectContaining({ id: feedbackTaskId('p-2', 'MIDWAY', 'YOUTH'), status: 'DONE' }),
      ]);
      expect(sections.placementFeedback).toEqual([
        expect.objectContaining({
          side: 'COMPANY',
          rating: 3,
          whatWorked: 'Gode kolleger og faste opgaver',
          whatToChange: null,
        }),
        expect.objectContaining({
          side: 'YOUTH',
          rating: 5,
          whatWorked: 'Gode kolleger og faste opgaver',
          whatToChange: 'Mere tid med mentoren',
        }),
      ]);
      expect(after.participantTasks).toEqual([]);
      expect(after.placementFeedback).toEqual([]);
      const left = await table.queryAll({ partition: 'YOUTH#y-2' });
      expect(left.filter((item) => /^(PTASK|FEEDBACK)#/.test(String(item.sk)))).toEqual([]);
      expect(JSON.stringify(left)).not.toContain('Mere tid med mentoren');
    });
  });
});
