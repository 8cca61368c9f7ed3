import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SignInDirectory, SignInUser } from '#kernel/sign-in-directory';

/**
 * The development issuer's sign-in directory: locally the issuer is the identity provider, so
 * the people it refuses are what a disabled or deleted Cognito user is in AWS. The list is kept
 * in `<dataDir>/sign-in-refusals.json`, so that `npm run token` (another process) refuses too
 * and a restart forgets no one; it names ids only, never e-mail addresses.
 */
export class DevSignInDirectory implements SignInDirectory {
  private readonly refused: Set<string>;
  private writing: Promise<void> = Promise.resolve();

  /** @param path - the refusal list's file */
  constructor(private readonly path: string) {
    this.refused = new Set(readRefusals(path));
  }

  /**
   * The directory of a local data folder.
   *
   * @param dataDir - the local data folder
   */
  static of(dataDir: string): DevSignInDirectory {
    return new DevSignInDirectory(join(dataDir, 'sign-in-refusals.json'));
  }

  /**
   * Whether the issuer refuses a token subject (the id a development token carries as `sub`).
   *
   * @param subject - the token's subject
   */
  refuses(subject: string): boolean {
    return this.refused.has(subject);
  }

  disableUser(user: SignInUser): Promise<void> {
    return this.refuse(user.nextworkId);
  }

  deleteUser(user: SignInUser): Promise<void> {
    return this.refuse(user.nextworkId);
  }

  private refuse(subject: string): Promise<void> {
    this.refused.add(subject);
    // Writes one after another, so that a later list never lands before an earlier one.
    const list = JSON.stringify([...this.refused].sort());
    this.writing = this.writing.then(() => writeFile(this.path, list, { mode: 0o600 }));
    return this.writing;
  }
}

/** The refusals kept in a file; none when there is no file yet. */
function readRefusals(path: string): string[] {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
