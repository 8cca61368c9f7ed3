import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSinkFromEnvironment, FileExportSink, S3ExportSink } from '#kernel/export-sink';

describe('evaluation export sinks', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'export-sink-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes a file under the export folder, readable by its owner only', async () => {
    // Prepare
    const sink = new FileExportSink(folder);
    // Act
    const path = await sink.write('evaluation-1', 'youth.jsonl', '{"a":1}\n');
    // Assess
    expect(path).toBe(join(folder, 'evaluation-1', 'youth.jsonl'));
    expect(sink.locationOf('evaluation-1')).toBe(join(folder, 'evaluation-1'));
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    expect((await stat(path)).mode & 0o077).toBe(0);
  });

  it('never overwrites a file of an earlier export', async () => {
    // Prepare
    const sink = new FileExportSink(folder);
    await sink.write('evaluation-2', 'youth.jsonl', 'first\n');
    // Act
    const again = sink.write('evaluation-2', 'youth.jsonl', 'second\n');
    // Assess
    await expect(again).rejects.toThrow();
  });

  it('refuses a name that would leave the export folder', async () => {
    // Prepare
    const sink = new FileExportSink(folder);
    // Act
    const outside = sink.write('..', 'youth.jsonl', 'x');
    // Assess
    await expect(outside).rejects.toThrow(/plain name/);
  });

  it('puts an object into the bucket under the export name, encrypted by the bucket default', async () => {
    // Prepare
    const sent: Array<Record<string, unknown>> = [];
    const client = {
      send: async (command: { input: Record<string, unknown> }) => {
        sent.push(command.input);
        return {};
      },
    } as unknown as S3Client;
    const sink = new S3ExportSink('exports-bucket', client);
    // Act
    const uri = await sink.write('evaluation-3', 'placements.jsonl', 'x\n');
    // Assess
    expect(uri).toBe('s3://exports-bucket/evaluation-3/placements.jsonl');
    expect(sink.locationOf('evaluation-3')).toBe('s3://exports-bucket/evaluation-3/');
    expect(sent).toEqual([
      {
        Bucket: 'exports-bucket',
        Key: 'evaluation-3/placements.jsonl',
        Body: 'x\n',
        ContentType: 'application/x-ndjson',
      },
    ]);
  });

  it('chooses the bucket in AWS, the folder locally, and refuses to guess', () => {
    // Act / Assess
    expect(
      exportSinkFromEnvironment({ EVALUATION_EXPORT_BUCKET: 'b', EVALUATION_EXPORT_DIR: folder }),
    ).toBeInstanceOf(S3ExportSink);
    expect(exportSinkFromEnvironment({ EVALUATION_EXPORT_DIR: folder })).toBeInstanceOf(
      FileExportSink,
    );
    expect(() => exportSinkFromEnvironment({})).toThrow(/EVALUATION_EXPORT_BUCKET/);
  });
});
