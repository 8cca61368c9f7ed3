import { parseArgs } from 'node:util';
import { TokenTimesError } from '#gateway/token-claims';
import { ROLES, type Role } from '#kernel/identity';
import { demoSubject } from './demo-identities.ts';
import { mintDevToken, SignInRefusedError } from './dev-issuer.ts';
import { DevSignInDirectory } from './dev-sign-in-directory.ts';
import { loadOrCreateLocalKeys } from './local-keys.ts';

// `npm run token -- --role ROLE [--municipality CODE] [--company ID] [--youth ID] …`
// prints a development bearer token and nothing else, so it composes with shell substitution.
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    municipality: { type: 'string' },
    company: { type: 'string' },
    contact: { type: 'string' },
    youth: { type: 'string' },
    staff: { type: 'string' },
    lifetime: { type: 'string', default: '12h' },
  },
});

const role = values.role as Role | undefined;
if (!role || !(ROLES as readonly string[]).includes(role)) {
  console.error(
    `Usage: npm run token -- --role <${ROLES.join('|')}> [--municipality CODE] [--company ID] [--contact ID] [--youth ID] [--staff ID] [--lifetime 12h (at most 24h)]`,
  );
  process.exit(2);
}

const dataDir = process.env.DATA_DIR ?? '.data';
const keys = await loadOrCreateLocalKeys(dataDir);
const subject = demoSubject(role, {
  ...(values.municipality ? { municipalityCode: values.municipality } : {}),
  ...(values.company ? { companyId: values.company } : {}),
  ...(values.contact ? { contactId: values.contact } : {}),
  ...(values.youth ? { youthId: values.youth } : {}),
  ...(values.staff ? { staffId: values.staff } : {}),
});
try {
  const refusals = DevSignInDirectory.of(dataDir);
  process.stdout.write(`${await mintDevToken(keys, subject, values.lifetime, refusals)}\n`);
} catch (error) {
  if (error instanceof SignInRefusedError) {
    console.error(error.message);
    process.exit(2);
  }
  // The gateway would refuse such a token; say why instead of printing one that cannot work.
  if (!(error instanceof TokenTimesError)) throw error;
  console.error(`${error.message}: ask for a shorter --lifetime`);
  process.exit(2);
}
