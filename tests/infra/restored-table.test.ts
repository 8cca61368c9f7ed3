import { beforeAll, describe, expect, it } from 'vitest';
import { INDEX_NAMES } from '#kernel/table/definition';
import { policyStatements, resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

/**
 * A point-in-time restore writes a new table with a new name; `-c restoredTableName=…` puts it
 * behind the same functions. Every function must then name it, every table grant must follow
 * it (its indexes included), and the table the data stack would create must be gone.
 */

const RESTORED = 'nextwork-prod-restored-20261207';

let restored: SynthesisedStage;

beforeAll(() => {
  restored = synthesiseStage('prod', { context: { restoredTableName: RESTORED } });
});

/** The stacks whose functions use the table. */
const USERS = ['api', 'lifecycle'] as const;

/** Every resource a DynamoDB statement names, as its template text. */
function dynamoResources(stage: SynthesisedStage): string[] {
  return USERS.flatMap((name) => policyStatements(stage.templates[name]))
    .filter((statement) =>
      [statement.Action].flat().some((action) => String(action).startsWith('dynamodb:')),
    )
    .flatMap((statement) =>
      [statement.Resource].flat().map((resource) => JSON.stringify(resource)),
    );
}

describe('a restored table behind the stacks', () => {
  it('is not created by the data stack', () => {
    // Prepare
    const template = restored.templates.data;
    // Act
    const tables = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
    // Assess
    expect(Object.keys(tables)).toEqual([]);
    // Restored with the data key (docs/runbook.md): the grants on it still hold.
    expect(restored.stacks.data.table.encryptionKey).toBe(restored.stacks.data.key);
    expect(Object.keys(resourcesOf(template, 'AWS::KMS::Key'))).toHaveLength(2);
  });

  it("is every function's TABLE_NAME", () => {
    // Prepare
    const functions = USERS.flatMap((name) =>
      Object.values(resourcesOf(restored.templates[name], 'AWS::Lambda::Function')),
    );
    // Act
    const tableNames = functions.flatMap((fn) => {
      const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> })
        ?.Variables;
      return variables && 'TABLE_NAME' in variables ? [variables.TABLE_NAME] : [];
    });
    // Assess
    expect(tableNames.length).toBeGreaterThanOrEqual(11);
    expect(new Set(tableNames)).toEqual(new Set([RESTORED]));
  });

  it('is what every table grant names, its indexes included, and nothing else', () => {
    // Prepare
    const tableArn = `:table/${RESTORED}`;
    // Act
    const resources = dynamoResources(restored);
    // Assess
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.filter((resource) => !resource.includes(tableArn))).toEqual([]);
    for (const index of INDEX_NAMES) {
      expect(
        resources.some((resource) => resource.endsWith(`${tableArn}/index/${index}"]]}`)),
      ).toBe(true);
    }
  });

  it('leaves no cdk-nag violation', () => {
    // Assess
    expect(restored.nagViolations).toEqual([]);
  });
});
