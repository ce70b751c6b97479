// `concord mail-in [--activity ACRONYM]`: one mail on standard input, as a mail server's pipe delivers it.
import { parseArgs } from 'node:util';
import type { CliCommand } from '../../platform/module-manifest.ts';
import { receiveMail } from './mail-in.ts';

export const mailInCommand: CliCommand = {
  name: 'mail-in',
  usage: `mail-in [--activity ACRONYM] [--recipient ADDRESS]…
                        read one mail (RFC 5322) on standard input, as a mail server's pipe delivers it: a
                        member's attachments become submitted contributions (with a receipt) when the mail is
                        proven theirs (DMARC or aligned DKIM passed at MAIL_IN_AUTHSERV_ID, or sent to their
                        secret address); anything else waits in the secretariat's queue. The activity comes from
                        the To address otherwise; --recipient gives the envelope's (e.g. Postfix's \${recipient})`,
  async run(args, { config, withDatabase, readStdin, stdout }) {
    const { values } = parseArgs({ args, options: { activity: { type: 'string' }, recipient: { type: 'string', multiple: true } } });
    const raw = await readStdin();
    return withDatabase(async (database) => {
      const result = await receiveMail(database.db, config, raw, { activityAcronym: values.activity, recipients: values.recipient });
      stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    });
  },
};
