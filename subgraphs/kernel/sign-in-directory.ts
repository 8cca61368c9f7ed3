import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { onFirstUse, runtimeSdk } from './runtime-sdk.ts';

/**
 * A person's sign-in, as NEXTWORK knows it: the id their token carries (`custom:contact`,
 * `custom:youth`) and the name the identity provider knows them by. Users are created with their
 * e-mail address as user name (`infra/README.md`, "The first users").
 */
export interface SignInUser {
  /** The NEXTWORK id the person's tokens carry (a contact person's or a young person's id). */
  nextworkId: string;
  /** The user name in the identity provider (the e-mail address); null when none is held. */
  username: string | null;
}

/**
 * Where people sign in: Cognito in AWS, the development issuer locally. Both operations are
 * idempotent (a user that is already disabled, or gone, counts as done), so a caller may repeat
 * one until it succeeds.
 */
export interface SignInDirectory {
  /** Disables the user's sign-in and ends their sessions (a removed company contact). */
  disableUser(user: SignInUser): Promise<void>;
  /** Deletes the user with everything the identity provider holds about them (an erasure). */
  deleteUser(user: SignInUser): Promise<void>;
}

/**
 * The directory on a Cognito user pool: `AdminDisableUser` then `AdminUserGlobalSignOut` (which
 * revokes the user's refresh tokens, so no new ID token is issued), and `AdminDeleteUser`. A user
 * the pool does not know (`UserNotFoundException`) is already as asked; so is one without a user
 * name. Disabling a disabled user succeeds in Cognito, and signing out a disabled one too.
 */
export class CognitoSignInDirectory implements SignInDirectory {
  /**
   * @param userPoolId - the user pool
   * @param client - the Cognito client (one per container when omitted)
   */
  constructor(
    private readonly userPoolId: string,
    private readonly client?: Pick<CognitoIdentityProviderClient, 'send'>,
  ) {}

  async disableUser(user: SignInUser): Promise<void> {
    const sdk = runtimeSdk('@aws-sdk/client-cognito-identity-provider');
    await this.onUser(user, async (Username) => {
      const UserPoolId = this.userPoolId;
      await this.cognito().send(new sdk.AdminDisableUserCommand({ UserPoolId, Username }));
      await this.cognito().send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId, Username }));
    });
  }

  async deleteUser(user: SignInUser): Promise<void> {
    const sdk = runtimeSdk('@aws-sdk/client-cognito-identity-provider');
    await this.onUser(user, async (Username) => {
      await this.cognito().send(
        new sdk.AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username }),
      );
    });
  }

  private cognito(): Pick<CognitoIdentityProviderClient, 'send'> {
    return this.client ?? sharedCognitoClient();
  }

  /** Runs a call on the user; a user the pool does not know is one with nothing left to do. */
  private async onUser(user: SignInUser, call: (username: string) => Promise<void>) {
    if (!user.username) return;
    try {
      await call(user.username);
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'UserNotFoundException') throw error;
    }
  }
}

/** One Cognito client per container, made on the first removal or erasure only. */
const sharedCognitoClient = onFirstUse(
  () =>
    new (runtimeSdk('@aws-sdk/client-cognito-identity-provider').CognitoIdentityProviderClient)({}),
);

/**
 * The sign-in directory of this process: the Cognito user pool named by `USER_POOL_ID` (AWS); an
 * error when none is set (the local stack and the tests hand in their own).
 *
 * @param env - the process environment
 */
export function signInDirectoryFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): SignInDirectory {
  const userPoolId = env.USER_POOL_ID;
  if (!userPoolId) throw new Error('USER_POOL_ID is not set');
  return new CognitoSignInDirectory(userPoolId);
}
