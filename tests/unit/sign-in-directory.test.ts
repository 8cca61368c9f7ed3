import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoSignInDirectory } from '#kernel/sign-in-directory';

const POOL = 'eu-north-1_TestPool';

/**
 * A stand-in for a Cognito user pool that answers the three admin calls as Cognito does: a user
 * name it does not know fails with `UserNotFoundException`, another pool's with
 * `ResourceNotFoundException`; disabling a disabled user and signing out a disabled one succeed;
 * a deleted user is unknown from then on.
 */
class CognitoStandIn {
  readonly users = new Map<string, { enabled: boolean; sessions: number }>();
  readonly calls: string[] = [];

  async send(command: { input: { UserPoolId?: string; Username?: string } }): Promise<object> {
    const { UserPoolId, Username } = command.input;
    this.calls.push(`${command.constructor.name} ${Username}`);
    if (UserPoolId !== POOL) throw named('ResourceNotFoundException');
    const user = this.users.get(String(Username));
    if (!user) throw named('UserNotFoundException');
    if (command instanceof AdminDisableUserCommand) user.enabled = false;
    else if (command instanceof AdminUserGlobalSignOutCommand) user.sessions = 0;
    else if (command instanceof AdminDeleteUserCommand) this.users.delete(String(Username));
    else throw named('InvalidParameterException');
    return {};
  }
}

function named(name: string): Error {
  return Object.assign(new Error(name), { name });
}

const contact = { nextworkId: 'c-1', username: 'mette@firma.dk' };

describe('the Cognito sign-in directory', () => {
  it('disables a removed contact and signs them out everywhere', async () => {
    // Prepare
    const cognito = new CognitoStandIn();
    cognito.users.set(contact.username, { enabled: true, sessions: 2 });
    const directory = new CognitoSignInDirectory(POOL, cognito);
    // Act
    await directory.disableUser(contact);
    // Assess
    expect(cognito.users.get(contact.username)).toEqual({ enabled: false, sessions: 0 });
    expect(cognito.calls).toEqual([
      'AdminDisableUserCommand mette@firma.dk',
      'AdminUserGlobalSignOutCommand mette@firma.dk',
    ]);
  });

  it('disables again without an error (a repeated follow-up)', async () => {
    // Prepare
    const cognito = new CognitoStandIn();
    cognito.users.set(contact.username, { enabled: true, sessions: 1 });
    const directory = new CognitoSignInDirectory(POOL, cognito);
    await directory.disableUser(contact);
    // Act
    const again = directory.disableUser(contact);
    // Assess
    await expect(again).resolves.toBeUndefined();
    expect(cognito.users.get(contact.username)?.enabled).toBe(false);
  });

  it('deletes a user, and counts an unknown or deleted user as deleted', async () => {
    // Prepare
    const cognito = new CognitoStandIn();
    cognito.users.set('ida@mail.dk', { enabled: true, sessions: 1 });
    const directory = new CognitoSignInDirectory(POOL, cognito);
    const youth = { nextworkId: 'y-1', username: 'ida@mail.dk' };
    // Act
    await directory.deleteUser(youth);
    const again = directory.deleteUser(youth);
    const disableGone = directory.disableUser(youth);
    // Assess
    await expect(again).resolves.toBeUndefined();
    await expect(disableGone).resolves.toBeUndefined();
    expect(cognito.users.has('ida@mail.dk')).toBe(false);
  });

  it('asks nothing for a person without a user name (no Cognito user can exist)', async () => {
    // Prepare
    const cognito = new CognitoStandIn();
    const directory = new CognitoSignInDirectory(POOL, cognito);
    // Act
    await directory.deleteUser({ nextworkId: 'y-2', username: null });
    // Assess
    expect(cognito.calls).toEqual([]);
  });

  it('lets every other error through, so the caller tries again', async () => {
    // Prepare
    const cognito = new CognitoStandIn();
    cognito.users.set(contact.username, { enabled: true, sessions: 1 });
    const directory = new CognitoSignInDirectory('eu-north-1_OtherPool', cognito);
    // Act
    const refused = directory.disableUser(contact);
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
