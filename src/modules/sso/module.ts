// Single sign-on: OpenID Connect providers (OIDC_PROVIDERS) beside passwords. An identity is an account's by issuer
// and subject; at its first sign-in the account comes from the verified address, by the rule invitations use.
import type { ConcordModule } from '../../platform/module-manifest.ts';
import { registerSsoRoutes } from './routes.tsx';

export const ssoModule: ConcordModule = {
  name: 'sso',
  routes: registerSsoRoutes,
};
