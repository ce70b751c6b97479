// Single sign-on pages: the button's POST sends the browser to the provider; the provider's answer comes back to the
// callback, which signs in or shows the sign-in page with the reason in words (never an error page).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OidcProvider } from '../../config.ts';
import { signInProviders, startSession } from '../../platform/auth/routes.tsx';
import { SignInPage } from '../../platform/auth/views.tsx';
import { AppError } from '../../platform/errors.ts';
import { formFields, redirectWithFlash, safeReturnPath, sendPage, viewContext } from '../../platform/http/context.ts';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { newToken } from '../../platform/tokens.ts';
import { ssoMessages } from './messages.ts';
import { beginSignIn, finishSignIn, SignInRefused } from './oidc-sign-in.ts';
import { ProviderError } from './provider-client.ts';

/** Ties a pending sign-in to the browser that began it, so an answer carried to another browser signs nobody in there. */
const browserCookie = 'concord_sso';

export function registerSsoRoutes(app: App, { config, database }: AppDeps) {
  const db = database.db;
  const providerById = (id: unknown): OidcProvider | undefined => config.oidcProviders.find((p) => p.id === id);

  const refusedPage = (request: FastifyRequest, reply: FastifyReply, message: string, status: number, next = '/') =>
    sendPage(
      reply,
      SignInPage({ ctx: viewContext(request, reply), next, signUpOpen: config.signUp, providers: signInProviders(config, request.locale), message }),
      status,
    );

  /** A provider's failure in the reader's words, and the status it answers with. */
  const describe = (error: ProviderError, provider: OidcProvider, locale: FastifyRequest['locale']): [string, number] => {
    const words = ssoMessages(locale);
    const label = (locale === 'fr' && provider.labelFr) || provider.label;
    switch (error.failure) {
      case 'unreachable':
        return [words.unreachable(label), 502];
      case 'wrong_issuer':
        return [words.wrongIssuer(label), 502];
      case 'cancelled':
        return [words.cancelled(label), 400];
      case 'provider_refused':
        return [words.providerRefused(label, error.providerSays ?? ''), 400];
      case 'unverified_answer':
        return [words.unverifiedAnswer(label), 400];
    }
  };

  app.post('/sign-in/oidc/:provider', async (request, reply) => {
    const provider = providerById((request.params as { provider?: string }).provider);
    if (!provider) throw new AppError('not_found', ssoMessages(request.locale).unknownProvider);
    const next = safeReturnPath(formFields(request).next);
    const browserKey = request.cookies[browserCookie] ?? newToken(32);
    let url: URL;
    try {
      url = await beginSignIn(db, provider, { baseUrl: config.baseUrl, browserKey, next });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      request.log.warn({ provider: provider.id, failure: error.failure, detail: error.message }, 'single sign-on could not start');
      return refusedPage(request, reply, ...describe(error, provider, request.locale), next);
    }
    reply.setCookie(browserCookie, browserKey, { path: '/sign-in/oidc', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: 3600 });
    return reply.redirect(url.href, 303);
  });

  app.get('/sign-in/oidc/:provider/callback', async (request, reply) => {
    const provider = providerById((request.params as { provider?: string }).provider);
    if (!provider) throw new AppError('not_found', ssoMessages(request.locale).unknownProvider);
    // The answer as the provider addressed it: the redirect URI registered there, with the query as received.
    const callbackUrl = new URL(request.url, config.baseUrl);
    try {
      const signedIn = await finishSignIn(db, provider, { callbackUrl, browserKey: request.cookies[browserCookie], locale: request.locale });
      await startSession(reply, db, config, signedIn.user.id);
      const words = ssoMessages(signedIn.user.locale ?? request.locale);
      const alone = signedIn.link && !signedIn.link.linked && signedIn.link.reason !== 'account_linked';
      return redirectWithFlash(reply, signedIn.next, alone ? words.signedInAlone(signedIn.user.name) : words.signedIn(signedIn.user.name));
    } catch (error) {
      if (error instanceof SignInRefused) return refusedPage(request, reply, error.message, error.status);
      if (!(error instanceof ProviderError)) throw error;
      request.log.warn({ provider: provider.id, failure: error.failure, detail: error.message }, 'single sign-on refused');
      return refusedPage(request, reply, ...describe(error, provider, request.locale));
    }
  });
}
