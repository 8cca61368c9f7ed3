import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const ROSKILDE = '265';
const FIDELITY = `query ($code: ID!) { municipality(code: $code) {
  code
  fidelity(from: "2025-01-01") {
    period { from to } suppressed placementsStarted placementsChosenByYouth chosenByYouthShare
  }
} }`;
const EXPORT = `mutation ($input: ExportEvaluationDatasetInput!) { exportEvaluationDataset(input: $input) {
  dataset { placementFile codebookFile placementRows }
  errors { code }
} }`;

type Fidelity = {
  period: { from: string; to: string };
  suppressed: boolean;
  placementsStarted: number | null;
  placementsChosenByYouth: number | null;
  chosenByYouthShare: number | null;
};
type FidelityAnswer = { municipality: { code: string; fidelity: Fidelity | null } | null };

describe('fidelity figures and the evaluation codebook through the gateway (#21)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it("shows Roskilde's team leader its placements chosen by the young people, exactly", async () => {
    // Prepare
    const token = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    // Act
    const { body } = await test.query<FidelityAnswer>(FIDELITY, {
      token,
      variables: { code: ROSKILDE },
    });
    // Assess
    expect(body.errors).toBeUndefined();
    const fidelity = body.data?.municipality?.fidelity;
    expect(fidelity?.suppressed).toBe(false);
    expect(fidelity?.placementsStarted).toBeGreaterThan(0);
    expect(fidelity?.placementsChosenByYouth).toBeGreaterThan(0);
    expect(fidelity?.chosenByYouthShare).toBe(
      (fidelity?.placementsChosenByYouth ?? 0) / (fidelity?.placementsStarted ?? 1),
    );
  });

  it('shows the programme office the counts as published: multiples of 5 or hidden', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    // Act
    const { body } = await test.query<FidelityAnswer>(FIDELITY, {
      token,
      variables: { code: ROSKILDE },
    });
    // Assess
    expect(body.errors).toBeUndefined();
    const fidelity = body.data?.municipality?.fidelity;
    for (const count of [fidelity?.placementsStarted, fidelity?.placementsChosenByYouth]) {
      if (count !== null) expect((count ?? 1) % 5).toBe(0);
    }
  });

  it.each([
    ['a network consultant of Roskilde', 'NETWORK_CONSULTANT', ROSKILDE],
    ['a team leader of another municipality', 'TEAM_LEADER', '101'],
  ] as const)('refuses %s', async (_who, role, municipalityCode) => {
    // Prepare
    const token = await test.token(role, { municipalityCode });
    // Act
    const { body } = await test.query<FidelityAnswer>(FIDELITY, {
      token,
      variables: { code: ROSKILDE },
    });
    // Assess
    expect(body.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    expect(body.data?.municipality?.fidelity ?? null).toBeNull();
  });

  it('writes the codebook beside the export, naming every column of the placement rows', async () => {
    // Prepare
    const token = await test.token('PROGRAMME');
    // Act
    const { body } = await test.query<{
      exportEvaluationDataset: {
        dataset: { placementFile: string; codebookFile: string; placementRows: number };
      };
    }>(EXPORT, { token, variables: { input: { municipalityCodes: [ROSKILDE] } } });
    // Assess
    expect(body.errors).toBeUndefined();
    const dataset = body.data?.exportEvaluationDataset.dataset;
    if (!dataset) throw new Error('no dataset');
    expect(dirname(dataset.codebookFile)).toBe(dirname(dataset.placementFile));
    const codebook = JSON.parse(await readFile(dataset.codebookFile, 'utf8')) as {
      files: Array<{ file: string; columns: Array<{ name: string }> }>;
    };
    const named = codebook.files
      .find((file) => file.file === 'placements.jsonl')
      ?.columns.map((column) => column.name)
      .sort();
    const rows = (await readFile(dataset.placementFile, 'utf8'))
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.length).toBe(dataset.placementRows);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(named);
    expect(rows.some((row) => typeof row.weeklyHours === 'number')).toBe(true);
    expect(rows.some((row) => row.placementOrigin === 'STAFF')).toBe(true);
    expect(rows.some((row) => row.placementOrigin !== 'STAFF')).toBe(true);
    expect(await readFile(join(dirname(dataset.codebookFile), 'codebook.md'), 'utf8')).toContain(
      '| companyPseudonym |',
    );
  });
});
