import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NextworkFunction } from '#infra/constructs/nextwork-function';
import { SUBGRAPHS } from '#schema/subgraphs';
import { resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

/**
 * Issue 18, classes 1 and 6: the subgraph functions that change a person's sign-in may call
 * exactly the Cognito actions they use, on the stage's own user pool; no other function may
 * call Cognito at all.
 */

type Statement = Record<string, unknown>;

let prod: SynthesisedStage;

beforeAll(() => {
  prod = synthesiseStage('prod');
});

function roleId(fn: NextworkFunction): string {
  return prod.stacks.api.getLogicalId(fn.role.node.defaultChild as CfnRole);
}

function environmentOf(fn: NextworkFunction): Record<string, unknown> {
  const id = prod.stacks.api.getLogicalId(fn.function.node.defaultChild as CfnFunction);
  const resource = resourcesOf(prod.templates.api, 'AWS::Lambda::Function')[id];
  return ((resource?.Properties?.Environment as { Variables?: Record<string, unknown> })
    ?.Variables ?? {}) as Record<string, unknown>;
}

/** The Cognito statements attached to a role, in the api and lifecycle stacks. */
function cognitoStatementsOf(role: string): Statement[] {
  return [prod.templates.api, prod.templates.lifecycle].flatMap((template) =>
    Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((policy) =>
        ((policy.Properties?.Roles as Array<{ Ref?: string }> | undefined) ?? []).some(
          (attached) => attached.Ref === role,
        ),
      )
      .flatMap(
        (policy) =>
          (policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)
            ?.Statement ?? [],
      )
      .filter((statement) =>
        [statement.Action].flat().some((action) => String(action).startsWith('cognito-idp:')),
      ),
  );
}

const userPoolArn = () =>
  prod.stacks.api.resolve(prod.stacks.identity.userPool.userPoolArn) as unknown;

describe('the sign-in grants', () => {
  it('let companies disable a user and sign them out, on the user pool only', () => {
    // Act
    const statements = cognitoStatementsOf(roleId(prod.stacks.api.subgraphs.companies));
    // Assess
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'],
        Resource: userPoolArn(),
      },
    ]);
    expect(environmentOf(prod.stacks.api.subgraphs.companies)).toHaveProperty('USER_POOL_ID');
  });

  it('let people delete a user, and disable a removed staff member and sign them out, on the user pool only', () => {
    // Act
    const statements = cognitoStatementsOf(roleId(prod.stacks.api.subgraphs.people));
    // Assess
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'cognito-idp:AdminDeleteUser',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminUserGlobalSignOut',
        ],
        Resource: userPoolArn(),
      },
    ]);
    expect(environmentOf(prod.stacks.api.subgraphs.people)).toHaveProperty('USER_POOL_ID');
  });

  it('let no other function call Cognito', () => {
    // Prepare
    const others: NextworkFunction[] = [
      prod.stacks.api.gateway,
      prod.stacks.api.subgraphs.placements,
      prod.stacks.api.subgraphs['learning-community'],
      ...SUBGRAPHS.map(({ name }) => prod.stacks.api.dataSubjectFunctions[name]),
    ];
    // Act
    const statements = others.flatMap((fn) => cognitoStatementsOf(roleId(fn)));
    // Assess
    expect(statements).toEqual([]);
  });
});
