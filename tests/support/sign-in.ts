import type { SignInDirectory, SignInUser } from '#kernel/sign-in-directory';

/**
 * A sign-in directory that remembers what it was asked, for subgraph tests: the users disabled
 * and deleted, in order. `failNext` makes the next calls fail, as an unavailable Cognito would.
 */
export class RecordingSignInDirectory implements SignInDirectory {
  readonly disabled: SignInUser[] = [];
  readonly deleted: SignInUser[] = [];
  /** How many of the next calls fail. */
  failNext = 0;

  async disableUser(user: SignInUser): Promise<void> {
    this.mayFail();
    this.disabled.push(user);
  }

  async deleteUser(user: SignInUser): Promise<void> {
    this.mayFail();
    this.deleted.push(user);
  }

  private mayFail(): void {
    if (this.failNext <= 0) return;
    this.failNext--;
    throw new Error('The sign-in directory is unavailable');
  }
}
