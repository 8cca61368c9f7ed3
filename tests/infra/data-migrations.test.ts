import { beforeAll, describe, expect, it } from 'vitest';
import { leadingKeyPatterns, MIGRATIONS_KEY_PREFIXES } from '#infra/config/key-prefixes';
import { ALL_MIGRATIONS } from '#infra/migrations/all-migrations';
import { resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

let prod: SynthesisedStage;

beforeAll(() => {
  // One synth without bundling for the whole file.
  prod = synthesiseStage('prod');
});

/** The statements of the api stack's policies whose logical id starts with a prefix, by Sid. */
function statementsOf(idPrefix: string): Record<string, Record<string, unknown>> {
  const statements = Object.entries(resourcesOf(prod.templates.api, 'AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(idPrefix))
    .flatMap(([, policy]) => {
      const document = policy.Properties?.PolicyDocument as {
        Statement: Array<Record<string, unknown>>;
      };
      return document.Statement;
    });
  return Object.fromEntries(statements.map((s, i) => [String(s.Sid ?? `#${i}`), s]));
}

describe('data migrations on deploy', () => {
  it('is a custom resource whose property lists every migration id, on the data stack’s table', () => {
    // Act
    const resources = Object.values(resourcesOf(prod.templates.api, 'Custom::DataMigrations'));
    // Assess
    expect(resources).toHaveLength(1);
    const properties = resources[0]?.Properties ?? {};
    expect(properties.MigrationIds).toEqual(ALL_MIGRATIONS.map(({ id }) => id));
    // The table's name comes from the data stack: CloudFormation creates this after the table.
    expect(JSON.stringify(properties.TableName)).toContain('Fn::ImportValue');
    expect(JSON.stringify(properties.TableName)).toContain('nextwork-prod-data');
  });

  it('runs a function of its own for up to 15 minutes, one at a time', () => {
    const functions = Object.entries(resourcesOf(prod.templates.api, 'AWS::Lambda::Function'))
      .filter(([id]) => id.startsWith('DataMigrationsRunner'))
      .map(([, resource]) => resource.Properties ?? {});
    expect(functions).toHaveLength(1);
    expect(functions[0]).toMatchObject({ Timeout: 900, ReservedConcurrentExecutions: 1 });
  });

  it('grants the function exactly the key prefixes its migrations touch, gsi1 and gsi3, and no scan', () => {
    // Act
    const statements = statementsOf('DataMigrationsRunnerRole');
    // Assess
    const readable = [...MIGRATIONS_KEY_PREFIXES.write, ...MIGRATIONS_KEY_PREFIXES.read];
    expect(Object.keys(statements).sort()).toEqual(
      [
        'QueryIndexes',
        'ReadOwnAndSharedPartitions',
        'UseTableKeyThroughDynamoDb',
        'WriteOwnPartitions',
        // Its log group and X-Ray, from NextworkFunction.
        ...Object.keys(statements).filter((sid) => sid.startsWith('#')),
      ].sort(),
    );
    expect(statements.ReadOwnAndSharedPartitions?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(readable) },
    });
    expect(statements.WriteOwnPartitions?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [
          'COMPANY_OCCUPANCY#*',
          'CONTACT#*',
          'MIGRATION#*',
          'MUNI#*',
          'OPPORTUNITY#*',
          'PLACEMENT#*',
          'STATS#*',
          'TIE#*',
          'YOUTH#*',
        ],
      },
    });
    expect(JSON.stringify(statements.QueryIndexes?.Resource)).toContain('/index/gsi1');
    expect(JSON.stringify(statements.QueryIndexes?.Resource)).toContain('/index/gsi3');
    expect(JSON.stringify(statements.QueryIndexes?.Resource)).not.toMatch(/gsi2/);
    const actions = Object.values(statements).flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('dynamodb:Scan');
    expect(
      actions
        .filter((a) => String(a).startsWith('dynamodb:') && String(a) !== 'dynamodb:Query')
        .sort(),
    ).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
  });

  it('leaves no cdk-nag finding unacknowledged', () => {
    expect(prod.nagViolations.filter((v) => v.includes('DataMigrations'))).toEqual([]);
  });
});
