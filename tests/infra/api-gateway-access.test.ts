import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { leadingKeyPatterns } from '#infra/config/key-prefixes';
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

  it('may update only its rate-limit counters and only append to the audit trail', () => {
    // Act
    const statements = gatewayStatements().filter((s) =>
      [s.Action].flat().some((action) => String(action).startsWith('dynamodb:')),
    );
    // Assess
    const writes = statements.find((s) => s.Sid === 'WriteOwnPartitions');
    const appends = statements.find((s) => s.Sid === 'AppendOnlyPartitions');
    expect(leadingKeys(writes ?? {})).toEqual(leadingKeyPatterns([PREFIX.rateLimit]));
    expect(appends?.Action).toEqual('dynamodb:PutItem');
    expect(leadingKeys(appends ?? {})).toEqual(leadingKeyPatterns([PREFIX.audit]));
    const itemStatements = statements.filter((s) => s.Sid !== 'QueryIndexes');
    for (const statement of itemStatements) {
      const patterns = [leadingKeys(statement)].flat();
      expect(patterns.every((p) => p === 'RATE#*' || p === 'AUDIT#*')).toBe(true);
    }
  });
});
