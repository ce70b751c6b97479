// My account's secret submission addresses: the page, and the button that makes or replaces them. Only where mail-in
// takes contributions at MAIL_IN_ADDRESS.
import { AppError } from '../../platform/errors.ts';
import { redirectWithFlash, sendPage, viewContext } from '../../platform/http/context.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { documentMessages } from './messages.ts';
import { readSubmissionAddresses, renewSubmissionAddress } from './submission-addresses.ts';
import { SubmissionAddressPage } from './submission-address-views.tsx';

export function registerSubmissionAddressRoutes(app: App, { config, database }: AppDeps) {
  const db = database.db;
  const mailInAddress = () => {
    if (!config.mailInAddress) throw new AppError('not_found');
    return config.mailInAddress;
  };

  app.get('/account/submission-address', async (request, reply) => {
    const addresses = await readSubmissionAddresses(db, request.actor, mailInAddress(), request.locale);
    return sendPage(reply, SubmissionAddressPage({ ctx: viewContext(request, reply), ...addresses }));
  });

  app.post('/account/submission-address', async (request, reply) => {
    mailInAddress();
    await renewSubmissionAddress(db, request.actor, request.locale);
    return redirectWithFlash(reply, '/account/submission-address', documentMessages(request.locale).submissionRenewed);
  });
}
