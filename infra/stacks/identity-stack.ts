import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ROLES } from '#kernel/identity';
import type { StageConfig } from '../config/stage.ts';

/**
 * The custom attributes the gateway maps to an identity (`subgraphs/kernel/identity.ts`),
 * e.g. `custom:municipality`. Administrators set them; no user can change their own.
 */
export const IDENTITY_ATTRIBUTES = [
  'municipality',
  'company',
  'contact',
  'youth',
  'staff',
] as const;

/** Settings of the identity stack. */
export interface IdentityStackProps extends StackProps {
  config: StageConfig;
}

/**
 * Who may sign in: a Cognito user pool with one group per role (`docs/authorisation.md`), the custom
 * attributes that scope a user (municipality, company, …) and one app client for the
 * frontends. Users are created by administrators (no self sign-up); MFA by authenticator app is
 * required and threat protection (Plus plan) blocks risky sign-ins.
 */
export class IdentityStack extends Stack {
  /** The user pool. */
  readonly userPool: UserPool;
  /** The frontends' app client: its id is the tokens' audience. */
  readonly client: UserPoolClient;
  /** The tokens' issuer, as the gateway verifies it. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `nextwork-${config.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries(
        IDENTITY_ATTRIBUTES.map((name) => [
          name,
          new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        ]),
      ),
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.dataRemovalPolicy,
    });

    for (const role of ROLES) {
      new UserPoolGroup(this, `Group${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `NEXTWORK role ${role} (docs/authorisation.md)`,
      });
    }

    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: `nextwork-${config.stage}-web`,
      authFlows: { userSrp: true },
      // Sign-in by SRP from the frontends; no hosted UI, so no OAuth flows or callback URLs.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: config.idTokenValidity,
      accessTokenValidity: config.idTokenValidity,
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(...IDENTITY_ATTRIBUTES),
      // Only a harmless preference: an empty list would let the client write every attribute,
      // and a user who could write `custom:municipality` could move into another municipality.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });

    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'AppClientId', { value: this.client.userPoolClientId });
  }
}
