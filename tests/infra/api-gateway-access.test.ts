import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { leadingKeyPatterns } from '#infra/config/key-prefixes';
import { ITEM_READ_ACTIONS } from '#infra/constructs/table-access';
import { PREFIX } from '#kernel/keys';
import { resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

let prod: SynthesisedStage;

/** The statements of the policies attached to the gateway's role. */
function gatewayStatements(): Array<Record<string, unknown>> {
  const { api } = prod.stacks;
  const roleRef = Stack.of(api).resolve(api.gateway.role.roleName) as { Ref: string };
  return Object.values(resourcesOf(prod.templates.api, 'AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties?.Roles as Array<{ Ref?: string }> | undefined)?.some(
        (role) => role.Ref === roleRef.Ref,
      ),
    )
    .flatMap((policy) => {
      const document = policy.Properties?.PolicyDocument as
        | { Statement?: Array<Record<string, unknown>> }
        | undefined;
      return document?.Statement ?? [];
    });
}

/** A statement's actions as a list. */
const actionsOf = (statement: Record<string, unknown>) => [statement.Action].flat().map(String);

/** The `dynamodb:LeadingKeys` patterns of a statement, if it has them. */
function leadingKeys(statement: Record<string, unknown>): unknown {
  return (statement.Condition as Record<string, Record<string, unknown>> | undefined)?.[
    'ForAllValues:StringLike'
  ]?.['dynamodb:LeadingKeys'];
}

beforeAll(() => {
  prod = synthesiseStage('prod');
});

describe("the gateway's table access", () => {
  it('names the table in its environment, for the rate limit and the audit of refusals', () => {
    // Prepare
    const { api } = prod.stacks;
    const logicalId = Stack.of(api).getLogicalId(
      api.gateway.function.node.defaultChild as Parameters<Stack['getLogicalId']>[0],
    );
    // Act
    const gateway = resourcesOf(prod.templates.api, 'AWS::Lambda::Function')[logicalId];
    // Assess
    const environment = gateway?.Properties?.Environment as
      | { Variables?: Record<string, unknown> }
      | undefined;
    const variables = environment?.Variables ?? {};
    expect(Object.keys(variables)).toContain('TABLE_NAME');
  });

  it('may only add to its rate counters, append its refusals and read the one health key: no data read, no index', () => {
    // Act
    const onTable = gatewayStatements().filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    // Assess
    expect(
      onTable.map((statement) => ({
        actions: actionsOf(statement),
        leadingKeys: leadingKeys(statement),
      })),
    ).toEqual([
      { actions: ITEM_READ_ACTIONS, leadingKeys: leadingKeyPatterns([PREFIX.health]) },
      { actions: ['dynamodb:PutItem'], leadingKeys: leadingKeyPatterns([PREFIX.audit]) },
      { actions: ['dynamodb:UpdateItem'], leadingKeys: leadingKeyPatterns([PREFIX.rateLimit]) },
    ]);
  });

  it('uses the table key through DynamoDB only, and reads no secret but its signing key', () => {
    // Act
    const statements = gatewayStatements();
    const onKeys = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('kms:')),
    );
    const onSecrets = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('secretsmanager:')),
    );
    // Assess
    expect(onKeys.length).toBeGreaterThan(0);
    for (const statement of onKeys) {
      expect(JSON.stringify(statement.Condition)).toContain('kms:ViaService');
    }
    expect(onSecrets).toHaveLength(1);
    expect(JSON.stringify(onSecrets[0]?.Resource)).toContain('GatewayKeyPair');
  });
});
