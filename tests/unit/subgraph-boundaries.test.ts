import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

/** Files planted in a copy of the project's lint configuration, each importing one module. */
const PLANTED: Record<string, string> = {
  'subgraphs/placements/domain/imports-people-repository.ts': '#people/repository/youth-repository',
  'subgraphs/placements/domain/imports-people-relatively.ts':
    '../../people/repository/youth-repository.ts',
  'subgraphs/people/domain/imports-placements.ts': '#placements/domain/placement',
  'subgraphs/companies/domain/imports-infra.ts': '#infra/local/local-stack',
  'subgraphs/learning-community/domain/imports-gateway.ts': '#gateway/config',
  'subgraphs/kernel/imports-a-subgraph.ts': '#placements/server',
  'subgraphs/placements/domain/imports-people-published.ts': '#people/published/youth-status',
  'subgraphs/placements/domain/imports-kernel.ts': '#kernel/errors',
};

/** The planted files the lint refuses, by the rule that refused them. */
function refusedBy(folder: string): string[] {
  let output: string;
  try {
    output = execFileSync(BIOME, ['lint', '--vcs-enabled=false', '--reporter=json', '.'], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const report = JSON.parse(output) as {
    diagnostics: Array<{ category: string; location: { path: string } }>;
  };
  return report.diagnostics
    .filter((diagnostic) => diagnostic.category === 'lint/style/noRestrictedImports')
    .map((diagnostic) => diagnostic.location.path)
    .sort();
}

describe('subgraph boundaries (biome.json)', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'boundaries-'));
    await copyFile(join(ROOT, 'biome.json'), join(folder, 'biome.json'));
    for (const [path, imported] of Object.entries(PLANTED)) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), `import { x } from '${imported}';\nexport { x };\n`);
    }
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("refuses a subgraph importing another subgraph's internals, infra or the gateway, and the kernel importing a subgraph", () => {
    // Act
    const refused = refusedBy(folder);
    // Assess
    expect(refused).toEqual([
      'subgraphs/companies/domain/imports-infra.ts',
      'subgraphs/kernel/imports-a-subgraph.ts',
      'subgraphs/learning-community/domain/imports-gateway.ts',
      'subgraphs/people/domain/imports-placements.ts',
      'subgraphs/placements/domain/imports-people-relatively.ts',
      'subgraphs/placements/domain/imports-people-repository.ts',
    ]);
  });
});
