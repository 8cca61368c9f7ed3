import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { onFirstUse, runtimeSdk } from './runtime-sdk.ts';

/**
 * Where pseudonymised exports for researchers are written: a folder under the local data
 * folder, or the encrypted export bucket in AWS. An export is a set of files under one name
 * (its folder or key prefix); the sink says where each landed, never what is in it.
 */
export interface ExportSink {
  /** Where an export of this name is written: a folder path or an `s3://` prefix. */
  locationOf(exportName: string): string;
  /**
   * Writes one file of an export and returns where it landed (a path or an `s3://` URI).
   *
   * @param exportName - the export's name (a folder or key prefix)
   * @param fileName - the file's name within it
   * @param content - the file's content (UTF-8 text)
   */
  write(exportName: string, fileName: string, content: string): Promise<string>;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function requireSafeName(name: string): string {
  // Names come from the export itself, but a path separator must never reach the file system.
  if (!SAFE_NAME.test(name)) throw new Error('An export or file name must be a plain name');
  return name;
}

/** Writes exports into a folder (the local stack: `<dataDir>/exports`), readable by the owner only. */
export class FileExportSink implements ExportSink {
  private readonly root: string;

  /** @param directory - the folder exports go into (created when missing) */
  constructor(directory: string) {
    this.root = resolve(directory);
  }

  locationOf(exportName: string): string {
    return join(this.root, requireSafeName(exportName));
  }

  async write(exportName: string, fileName: string, content: string): Promise<string> {
    const folder = this.locationOf(exportName);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, requireSafeName(fileName));
    await writeFile(path, content, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    return path;
  }
}

/**
 * Writes exports to the export bucket (AWS). Objects are encrypted by the bucket's default
 * encryption, the data stack's customer-managed key with a bucket key: the request names no
 * encryption of its own, since `aws:kms` without a key id would pick the AWS-managed key instead.
 * The S3 client is loaded on the first export only, so no cold start of the people function
 * pays for it.
 */
export class S3ExportSink implements ExportSink {
  /**
   * @param bucket - the export bucket's name
   * @param client - the S3 client (one per container when omitted)
   */
  constructor(
    private readonly bucket: string,
    private readonly client?: S3Client,
  ) {}

  locationOf(exportName: string): string {
    return `s3://${this.bucket}/${requireSafeName(exportName)}/`;
  }

  async write(exportName: string, fileName: string, content: string): Promise<string> {
    const objectKey = `${requireSafeName(exportName)}/${requireSafeName(fileName)}`;
    const { PutObjectCommand } = runtimeSdk('@aws-sdk/client-s3');
    const client = this.client ?? sharedS3Client();
    await client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey,
        Body: content,
        ContentType: fileName.endsWith('.jsonl') ? 'application/x-ndjson' : 'text/plain',
      }),
    );
    return `s3://${this.bucket}/${objectKey}`;
  }
}

/** One S3 client per container, as with the DynamoDB client. */
const sharedS3Client = onFirstUse(() => new (runtimeSdk('@aws-sdk/client-s3').S3Client)({}));

/**
 * The export sink of this process: the bucket named by `EVALUATION_EXPORT_BUCKET` (AWS), else
 * the folder named by `EVALUATION_EXPORT_DIR` (local stack, tests); an error when neither is set.
 *
 * @param env - the process environment
 */
export function exportSinkFromEnvironment(env: NodeJS.ProcessEnv = process.env): ExportSink {
  const bucket = env.EVALUATION_EXPORT_BUCKET;
  if (bucket) return new S3ExportSink(bucket);
  const directory = env.EVALUATION_EXPORT_DIR;
  if (directory) return new FileExportSink(directory);
  throw new Error('Neither EVALUATION_EXPORT_BUCKET nor EVALUATION_EXPORT_DIR is set');
}
