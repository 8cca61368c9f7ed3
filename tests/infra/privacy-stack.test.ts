import {
  type AttributeValue,
  BatchGetItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleCompaniesDataSubject } from '#companies/data-subject/companies-data-subject';
import { DATA_SUBJECT_KEY_PREFIXES, leadingKeyPatterns } from '#infra/config/key-prefixes';
import type { NextworkFunction } from '#infra/constructs/nextwork-function';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { seedDemoWorld } from '#infra/local/seed/seed-all';
import {
  DATA_SUBJECT_SUBGRAPHS,
  type DataSubjectHandler,
  type DataSubjectSubgraph,
  dataSubjectFunctionVariable,
} from '#kernel/data-subject';
import { Table } from '#kernel/table/table';
import { handleLearningDataSubject } from '#learning-community/data-subject/learning-data-subject';
import { handlePeopleDataSubject } from '#people/data-subject/people-data-subject';
import { handlePlacementsDataSubject } from '#placements/data-subject/placements-data-subject';
import { SUBGRAPHS } from '#schema/subgraphs';
import { createTestTable } from '../support/table.ts';
import { resourcesOf, type SynthesisedStage, synthesiseStage } from './synth.ts';

type Statement = Record<string, unknown>;

let prod: SynthesisedStage;

beforeAll(() => {
  // One synth without bundling for the whole file (tests/infra/stacks.test.ts runs cdk-nag on both stages).
  prod = synthesiseStage('prod');
});

/** The logical id of a project function's role in its stack. */
function roleId(fn: NextworkFunction): string {
  return prod.stacks.api.getLogicalId(fn.role.node.defaultChild as CfnRole);
}

/** The logical id of a project function's Lambda function in its stack. */
function functionId(fn: NextworkFunction): string {
  return prod.stacks.api.getLogicalId(fn.function.node.defaultChild as CfnFunction);
}

/** Every IAM statement of a template with the logical ids of the roles its policy is attached to. */
function statementsWithRoles(template: Template): Array<{ roles: string[]; statement: Statement }> {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap((policy) => {
    const roles = ((policy.Properties?.Roles as Array<{ Ref?: string }> | undefined) ?? []).map(
      (role) => String(role.Ref),
    );
    const document = policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined;
    return (document?.Statement ?? []).map((statement) => ({ roles, statement }));
  });
}

/** Statements of the api and lifecycle stacks (where every function role lives). */
function allStatements(): Array<{ roles: string[]; statement: Statement }> {
  return [prod.templates.api, prod.templates.lifecycle].flatMap(statementsWithRoles);
}

function actionsOf(statement: Statement): string[] {
  return [statement.Action].flat().map(String);
}

/** A value of the data stack as the api stack refers to it (an `Fn::ImportValue`). */
function importedByApi(value: string): unknown {
  return prod.stacks.api.resolve(value);
}

function environmentOf(fn: NextworkFunction): Record<string, unknown> {
  const resource = resourcesOf(prod.templates.api, 'AWS::Lambda::Function')[functionId(fn)];
  return ((resource?.Properties?.Environment as { Variables?: Record<string, unknown> })
    ?.Variables ?? {}) as Record<string, unknown>;
}

describe('the data-subject functions', () => {
  it('exist once per subgraph, run the data-subject handler with the table name only, 60 s', () => {
    // Prepare
    const functions = resourcesOf(prod.templates.api, 'AWS::Lambda::Function');
    // Act
    const dataSubject = SUBGRAPHS.map(({ name }) => prod.stacks.api.dataSubjectFunctions[name]);
    // Assess
    expect(Object.keys(prod.stacks.api.dataSubjectFunctions).sort()).toEqual(
      SUBGRAPHS.map(({ name }) => name).sort(),
    );
    for (const fn of dataSubject) {
      const resource = functions[functionId(fn)];
      expect(resource?.Properties).toMatchObject({ Timeout: 60, Runtime: 'nodejs22.x' });
      const variables = Object.keys(environmentOf(fn));
      expect(variables).toContain('TABLE_NAME');
      expect(
        variables.filter((name) => /SECRET|KMS|BUCKET|PSEUDONYM|DATA_SUBJECT/.test(name)),
      ).toEqual([]);
    }
  });

  it('have no function URL and no resource-based permission', () => {
    // Prepare
    const ids = SUBGRAPHS.map(({ name }) => functionId(prod.stacks.api.dataSubjectFunctions[name]));
    // Act
    const urlTargets = Object.values(resourcesOf(prod.templates.api, 'AWS::Lambda::Url')).map(
      (url) => JSON.stringify(url.Properties?.TargetFunctionArn),
    );
    const permissionTargets = Object.values(
      resourcesOf(prod.templates.api, 'AWS::Lambda::Permission'),
    ).map((permission) => JSON.stringify(permission.Properties?.FunctionName));
    // Assess
    for (const id of ids) {
      expect(urlTargets.filter((target) => target.includes(`"${id}"`))).toEqual([]);
      expect(permissionTargets.filter((target) => target.includes(`"${id}"`))).toEqual([]);
    }
  });

  it('may be invoked by the people function role only, each unqualified', () => {
    // Prepare
    const ids = SUBGRAPHS.map(({ name }) => functionId(prod.stacks.api.dataSubjectFunctions[name]));
    const people = roleId(prod.stacks.api.subgraphs.people);
    // Act
    const grants = allStatements().filter(({ statement }) =>
      ids.some((id) => JSON.stringify(statement.Resource).includes(`"${id}"`)),
    );
    // Assess
    expect(grants).toHaveLength(1);
    const [grant] = grants;
    expect(grant?.roles).toEqual([people]);
    expect(grant?.statement.Action).toBe('lambda:InvokeFunction');
    expect(grant?.statement.Resource).toEqual(
      expect.arrayContaining(ids.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }))),
    );
    expect(JSON.stringify(grant?.statement.Resource)).not.toContain(':*');
  });

  it("are named in the people function's environment, one variable per subgraph", () => {
    // Prepare
    const variables = environmentOf(prod.stacks.api.subgraphs.people);
    // Act
    const named = DATA_SUBJECT_SUBGRAPHS.map(
      (subgraph) => variables[dataSubjectFunctionVariable(subgraph)],
    );
    // Assess
    expect(named).toEqual(
      DATA_SUBJECT_SUBGRAPHS.map((subgraph) => ({
        Ref: functionId(prod.stacks.api.dataSubjectFunctions[subgraph]),
      })),
    );
  });

  it("write only the partitions their handlers erase in, and companies' touches no item", () => {
    // Prepare
    const statements = allStatements();
    // Act
    const tableStatementsOf = (name: (typeof SUBGRAPHS)[number]['name']) => {
      const role = roleId(prod.stacks.api.dataSubjectFunctions[name]);
      return statements
        .filter(({ roles }) => roles.includes(role))
        .map(({ statement }) => statement)
        .filter((statement) =>
          actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
        );
    };
    // Assess
    for (const { name } of SUBGRAPHS) {
      const grant = DATA_SUBJECT_KEY_PREFIXES[name];
      const own = tableStatementsOf(name);
      const writes = own.find((statement) => statement.Sid === 'WriteOwnPartitions');
      if (grant.write.length === 0) {
        expect(own).toEqual([]);
        continue;
      }
      expect(writes?.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(grant.write) },
      });
      // No audit trail: people's GraphQL function records the erasure. People's own replaces the
      // erased person's subject in the records they made (`audit-actor-redaction.ts`).
      if (name !== 'people') expect(JSON.stringify(own)).not.toContain('AUDIT#');
      const queries = own.find((statement) => statement.Sid === 'QueryIndexes');
      expect(queries ? [queries.Resource].flat().length : 0).toBe(grant.indexes.length);
    }
    const companies = roleId(prod.stacks.api.dataSubjectFunctions.companies);
    const companiesActions = statements
      .filter(({ roles }) => roles.includes(companies))
      .flatMap(({ statement }) => actionsOf(statement));
    expect(companiesActions.filter((action) => !/^(logs|xray):/.test(action))).toEqual([]);
  });
});

describe("people's field-encryption key", () => {
  it('is a customer-managed key with rotation, kept in prod', () => {
    // Prepare
    const keys = resourcesOf(prod.templates.data, 'AWS::KMS::Key');
    // Act
    const fieldKey =
      keys[prod.stacks.data.getLogicalId(prod.stacks.data.fieldKey.node.defaultChild as never)];
    // Assess
    expect(fieldKey?.Properties).toMatchObject({ EnableKeyRotation: true });
    expect(fieldKey?.DeletionPolicy).toBe('Retain');
  });

  it('may encrypt only, for the people role only, bound to a {youthId, field} encryption context', () => {
    // Prepare
    const keyArn = importedByApi(prod.stacks.data.fieldKey.keyArn);
    // Act
    const grants = allStatements().filter(
      ({ statement }) => JSON.stringify(statement.Resource) === JSON.stringify(keyArn),
    );
    // Assess
    expect(grants).toHaveLength(1);
    const [grant] = grants;
    expect(grant?.roles).toEqual([roleId(prod.stacks.api.subgraphs.people)]);
    expect(grant?.statement.Action).toBe('kms:Encrypt');
    expect(grant?.statement.Condition).toEqual({
      'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['field', 'youthId'] },
      Null: { 'kms:EncryptionContext:field': 'false', 'kms:EncryptionContext:youthId': 'false' },
    });
  });

  it('is named by FIELD_KMS_KEY_ID in the people function only', () => {
    // Prepare
    const functions = Object.values(resourcesOf(prod.templates.api, 'AWS::Lambda::Function'));
    // Act
    const holders = functions.filter((fn) => {
      const environment = fn.Properties?.Environment as { Variables?: object } | undefined;
      return 'FIELD_KMS_KEY_ID' in (environment?.Variables ?? {});
    });
    // Assess
    expect(holders).toHaveLength(1);
    expect(environmentOf(prod.stacks.api.subgraphs.people).FIELD_KMS_KEY_ID).toEqual(
      importedByApi(prod.stacks.data.fieldKey.keyArn),
    );
  });
});

describe('the evaluation export', () => {
  it('lets the people role put objects into the export bucket, and nothing else in S3', () => {
    // Prepare
    const people = roleId(prod.stacks.api.subgraphs.people);
    // Act
    const s3 = allStatements().filter(({ statement }) =>
      actionsOf(statement).some((action) => action.startsWith('s3:')),
    );
    // Assess
    expect(s3).toHaveLength(1);
    const [grant] = s3;
    expect(grant?.roles).toEqual([people]);
    expect(grant?.statement.Action).toBe('s3:PutObject');
    expect(grant?.statement.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::ImportValue': 'nextwork-prod-evaluation-exports-arn' }, '/*']],
    });
    expect(environmentOf(prod.stacks.api.subgraphs.people).EVALUATION_EXPORT_BUCKET).toEqual(
      importedByApi(prod.stacks.data.exportsBucket.bucketName),
    );
  });

  it('lets the people role use the data key for the bucket through S3 only', () => {
    // Prepare
    const dataKey = importedByApi(prod.stacks.data.key.keyArn);
    // Act
    const grants = allStatements().filter(
      ({ statement }) =>
        JSON.stringify(statement.Condition ?? {}).includes('s3.') &&
        JSON.stringify(statement.Resource) === JSON.stringify(dataKey),
    );
    // Assess
    expect(grants).toHaveLength(1);
    expect(grants[0]?.roles).toEqual([roleId(prod.stacks.api.subgraphs.people)]);
    expect(grants[0]?.statement.Action).toBe('kms:GenerateDataKey');
    expect(grants[0]?.statement.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 's3.eu-north-1.amazonaws.com' },
    });
  });

  it('keeps the pseudonym key in a generated secret that only the people role may read', () => {
    // Prepare
    const secrets = resourcesOf(prod.templates.api, 'AWS::SecretsManager::Secret');
    const secretId = prod.stacks.api.getLogicalId(
      prod.stacks.api.pseudonymKey.node.defaultChild as never,
    );
    // Act
    const readers = allStatements().filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(`"${secretId}"`),
    );
    // Assess
    expect(secrets[secretId]?.Properties).toMatchObject({
      GenerateSecretString: { PasswordLength: 64 },
    });
    expect(secrets[secretId]?.DeletionPolicy).toBe('Retain');
    expect(readers.length).toBeGreaterThan(0);
    for (const reader of readers) {
      expect(reader.roles).toEqual([roleId(prod.stacks.api.subgraphs.people)]);
    }
    expect(readers.flatMap(({ statement }) => actionsOf(statement))).toContain(
      'secretsmanager:GetSecretValue',
    );
    expect(environmentOf(prod.stacks.api.subgraphs.people).PSEUDONYM_KEY_SECRET_ARN).toEqual({
      Ref: secretId,
    });
  });
});

/** One request a data-subject handler made of the table. */
interface Touch {
  operation: string;
  /** The partition key of an item operation or a table query; none for an index query. */
  pk?: string;
  index?: string;
  write: boolean;
}

function pkOf(key: Record<string, AttributeValue> | undefined): string | undefined {
  return key?.pk?.S;
}

/** What one DynamoDB command touches, as IAM sees it (leading keys, index, read or write). */
function touchesOf(command: unknown): Touch[] {
  if (command instanceof GetItemCommand) {
    return [{ operation: 'GetItem', pk: pkOf(command.input.Key), write: false }];
  }
  if (command instanceof BatchGetItemCommand) {
    return Object.values(command.input.RequestItems ?? {}).flatMap((request) =>
      (request.Keys ?? []).map((key) => ({
        operation: 'BatchGetItem',
        pk: pkOf(key),
        write: false,
      })),
    );
  }
  if (command instanceof QueryCommand) {
    const index = command.input.IndexName;
    return [
      index
        ? { operation: 'Query', index, write: false }
        : {
            operation: 'Query',
            pk: command.input.ExpressionAttributeValues?.[':pk']?.S,
            write: false,
          },
    ];
  }
  if (command instanceof PutItemCommand) {
    return [{ operation: 'PutItem', pk: pkOf(command.input.Item), write: true }];
  }
  if (command instanceof UpdateItemCommand) {
    return [{ operation: 'UpdateItem', pk: pkOf(command.input.Key), write: true }];
  }
  if (command instanceof DeleteItemCommand) {
    return [{ operation: 'DeleteItem', pk: pkOf(command.input.Key), write: true }];
  }
  if (command instanceof TransactWriteItemsCommand) {
    return (command.input.TransactItems ?? []).map((action) => {
      if (action.Put) return { operation: 'PutItem', pk: pkOf(action.Put.Item), write: true };
      if (action.Update)
        return { operation: 'UpdateItem', pk: pkOf(action.Update.Key), write: true };
      if (action.Delete)
        return { operation: 'DeleteItem', pk: pkOf(action.Delete.Key), write: true };
      return {
        operation: 'ConditionCheckItem',
        pk: pkOf(action.ConditionCheck?.Key),
        write: false,
      };
    });
  }
  return [{ operation: (command as object).constructor.name, write: true }];
}

/** The same table, recording every request made through it. */
function recordingTable(table: Table, touches: Touch[]): Table {
  const client = new Proxy(table.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: Parameters<DynamoDBClient['send']>[0]) => {
        touches.push(...touchesOf(command));
        return target.send(command);
      };
    },
  });
  return new Table(client, table.name);
}

const HANDLERS: Record<DataSubjectSubgraph, DataSubjectHandler> = {
  people: handlePeopleDataSubject,
  companies: handleCompaniesDataSubject,
  placements: handlePlacementsDataSubject,
  'learning-community': handleLearningDataSubject,
};

describe('the data-subject grants against the handlers', () => {
  it('cover every request each handler makes for collect, check, evaluation rows and erasure', async () => {
    // Prepare: the demo world; young people with placements and with network groups
    const world = buildDemoWorld();
    const table = await createTestTable();
    await seedDemoWorld(table, world);
    const withPlacements = [...new Set(world.placements.map((placement) => placement.youthId))];
    const inGroups = [
      ...new Set(
        world.networkGroups
          .filter((group) => group.kind === 'YOUTH' && group.sessions.length > 0)
          .flatMap((group) => group.memberIds),
      ),
    ];
    const subjects = [...new Set([...withPlacements.slice(0, 6), ...inGroups.slice(0, 6)])];
    const touches = Object.fromEntries(
      DATA_SUBJECT_SUBGRAPHS.map((subgraph) => [subgraph, [] as Touch[]]),
    ) as Record<DataSubjectSubgraph, Touch[]>;
    const tables = Object.fromEntries(
      DATA_SUBJECT_SUBGRAPHS.map((subgraph) => [
        subgraph,
        recordingTable(table, touches[subgraph]),
      ]),
    ) as Record<DataSubjectSubgraph, Table>;
    let deleted = 0;
    // Act: as the people function drives them, erasure in the dispatcher's order
    for (const subgraph of DATA_SUBJECT_SUBGRAPHS) {
      const handle = HANDLERS[subgraph];
      await handle(tables[subgraph], {
        operation: 'evaluationRows',
        youthIds: subjects,
        until: world.today,
      });
      for (const youthId of subjects) {
        await handle(tables[subgraph], { operation: 'collect', youthId });
        await handle(tables[subgraph], { operation: 'check', youthId });
      }
    }
    for (const youthId of subjects) {
      for (const subgraph of DATA_SUBJECT_SUBGRAPHS) {
        const result = await HANDLERS[subgraph](tables[subgraph], {
          operation: 'erase',
          youthId,
          stubYouthId: `STUB${youthId}`.slice(0, 64),
        });
        if (result.operation === 'erase') deleted += result.deleted;
      }
    }
    // Assess
    expect(deleted).toBeGreaterThan(0);
    for (const subgraph of DATA_SUBJECT_SUBGRAPHS) {
      const grant = DATA_SUBJECT_KEY_PREFIXES[subgraph];
      const within = (pk: string | undefined, prefixes: readonly string[]) =>
        pk !== undefined && prefixes.some((prefix) => pk.startsWith(`${prefix}#`));
      const outside = touches[subgraph].filter((touch) =>
        touch.index
          ? !grant.indexes.includes(touch.index as never)
          : !within(touch.pk, touch.write ? grant.write : [...grant.write, ...grant.read]),
      );
      expect({ subgraph, outside: outside.slice(0, 5) }).toEqual({ subgraph, outside: [] });
      if (subgraph === 'companies') expect(touches[subgraph]).toEqual([]);
      else expect(touches[subgraph].some((touch) => touch.write)).toBe(true);
    }
  }, 300_000);
});
