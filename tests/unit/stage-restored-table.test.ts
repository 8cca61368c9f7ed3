import { describe, expect, it } from 'vitest';
import { stageConfig } from '#infra/config/stage';

/** `-c restoredTableName=…`: the table a point-in-time restore made, by a name DynamoDB accepts. */
describe('the restored table in the stage configuration', () => {
  it('takes the name from CDK context, and none without it', () => {
    // Act
    const restored = stageConfig('prod', (key) =>
      key === 'restoredTableName' ? 'nextwork-prod-restored-20261207' : undefined,
    );
    const created = stageConfig('prod');
    // Assess
    expect(restored.restoredTableName).toBe('nextwork-prod-restored-20261207');
    expect(created.restoredTableName).toBeUndefined();
  });

  it.each(['ab', 'nextwork prod', 'table/with/slashes', 'x'.repeat(256)])(
    'refuses %s, which is no table name',
    (name) => {
      // Act
      const configure = () =>
        stageConfig('prod', (key) => (key === 'restoredTableName' ? name : undefined));
      // Assess
      expect(configure).toThrow(/is not a table name/);
    },
  );
});
