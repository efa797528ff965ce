import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<FastifyInstance, RouteEntry[]>();

/**
 * Records every route as it is registered, so tests that must cover each endpoint (the bad-input
 * corpus) enumerate them from the app itself: a new endpoint is covered without being listed.
 * Call before any route is registered.
 */
export function trackRoutes(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  ROUTES.set(app, list);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) list.push({ method, url: route.url });
  });
}

/** The routes of an app built by buildApp (HEAD and OPTIONS included). */
export function registeredRoutes(app: FastifyInstance): readonly RouteEntry[] {
  return ROUTES.get(app) ?? [];
}
