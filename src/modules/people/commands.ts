// `concord people link|unlink|unlinked`: the secretariat's account links, for an operator at the server.
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type CliCommand, UsageError } from '../../platform/module-manifest.ts';
import { findAccountByEmail, linkAccountByHand, listUnlinkedAccounts, unlinkAccount } from './account-links.ts';
import { people } from './schema.ts';

const syntax = 'concord people link --person ID|E-MAIL --account E-MAIL | people unlink --person ID|E-MAIL | people unlinked [--json]';

/** A person named by id or by address on the command line. */
async function findPerson(db: Db, given: string | undefined): Promise<{ id: number; name: string }> {
  if (!given) throw new UsageError('--person is required (an id, or the person’s e-mail address).');
  const [row] = /^\d+$/.test(given)
    ? await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, Number(given)))
    : await db.select({ id: people.id, name: people.name }).from(people).where(sql`lower(${people.email}) = ${given.trim().toLowerCase()}`);
  if (!row) throw new AppError('not_found', `No person has the id or address "${given}".`);
  return row;
}

export const peopleCommand: CliCommand = {
  name: 'people',
  usage: `people link --person ID|E-MAIL --account E-MAIL
                        link an account to a person: the account then holds the person's roles
  people unlink --person ID|E-MAIL
                        take the account away from the person (the account stays, without roles)
  people unlinked [--json]
                        list the accounts no person is linked to, with the person their address matches`,
  async run(args, { withDatabase, stdout }) {
    const [what, ...rest] = args;
    const actor = systemActor('cli');
    const { values } = parseArgs({ args: rest, options: { person: { type: 'string' }, account: { type: 'string' }, json: { type: 'boolean' } } });
    if (what === 'link') {
      if (!values.account) throw new UsageError('--account is required (the account’s e-mail address).');
      return withDatabase(async ({ db }) => {
        const person = await findPerson(db, values.person);
        const account = await findAccountByEmail(db, values.account!);
        if (!account) throw new AppError('not_found', `No account has the address "${values.account}".`);
        await linkAccountByHand(db, actor, person.id, account.id, 'en');
        stdout.write(`${person.name} (person ${person.id}) is now linked to the account ${account.email}.\n`);
        return 0;
      });
    }
    if (what === 'unlink') {
      return withDatabase(async ({ db }) => {
        const person = await findPerson(db, values.person);
        await unlinkAccount(db, actor, person.id, 'en');
        stdout.write(`${person.name} (person ${person.id}) is no longer linked to an account.\n`);
        return 0;
      });
    }
    if (what === 'unlinked') {
      return withDatabase(async ({ db }) => {
        const accounts = await listUnlinkedAccounts(db);
        if (values.json) {
          stdout.write(`${JSON.stringify(accounts)}\n`);
          return 0;
        }
        if (!accounts.length) stdout.write('Every account is linked to a person.\n');
        for (const a of accounts) {
          const hint = a.match ? ` — ${a.match.name} (person ${a.match.personId}) has this address${a.match.hasAccount ? ' but another account' : ''}` : '';
          stdout.write(`${a.email}  ${a.name}${a.emailVerifiedAt ? '' : ' (address not confirmed)'}${hint}\n`);
        }
        return 0;
      });
    }
    throw new UsageError(syntax);
  },
};
