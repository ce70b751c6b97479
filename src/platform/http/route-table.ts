// The routes an app registered, as Fastify saw them: the one list the route-driven tests read (the authorization
// matrix and the hostile-input properties), so a route added anywhere is in it without anyone listing it again.
import type { App } from '../module-manifest.ts';

export type RegisteredRoute = {
  method: string;
  /** The pattern as registered, e.g. `/activities/:acronym/gaps/:number`. */
  url: string;
  /** The route's zod schemas, where it declares them (API endpoints do; pages parse their own input). */
  schema: { body?: unknown; querystring?: unknown; params?: unknown; hide?: boolean } | undefined;
};

const tables = new WeakMap<object, RegisteredRoute[]>();

/** Starts listing the routes registered on `app` from now on (call before any route or plugin is registered). */
export function recordRoutes(app: App): void {
  const list: RegisteredRoute[] = [];
  tables.set(app, list);
  app.addHook('onRoute', (route) => {
    // HEAD is Fastify's own copy of each GET: the GET stands for both.
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') list.push({ method, url: route.url, schema: route.schema as RegisteredRoute['schema'] });
    }
  });
}

/** Every route registered on `app` since `recordRoutes`, in registration order. */
export function routesOf(app: App): readonly RegisteredRoute[] {
  const list = tables.get(app);
  if (!list) throw new Error('recordRoutes(app) was not called when the app was built');
  return list;
}
