import { parseArgs } from 'node:util';
import { ROLES, type Role } from '#kernel/identity';
import { demoSubject } from './demo-identities.ts';
import { mintDevToken } from './dev-issuer.ts';
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
    `Usage: npm run token -- --role <${ROLES.join('|')}> [--municipality CODE] [--company ID] [--contact ID] [--youth ID] [--staff ID]`,
  );
  process.exit(2);
}

const keys = await loadOrCreateLocalKeys(process.env.DATA_DIR ?? '.data');
const subject = demoSubject(role, {
  ...(values.municipality ? { municipalityCode: values.municipality } : {}),
  ...(values.company ? { companyId: values.company } : {}),
  ...(values.contact ? { contactId: values.contact } : {}),
  ...(values.youth ? { youthId: values.youth } : {}),
  ...(values.staff ? { staffId: values.staff } : {}),
});
process.stdout.write(`${await mintDevToken(keys, subject, values.lifetime)}\n`);
