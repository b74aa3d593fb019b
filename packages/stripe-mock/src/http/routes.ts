import type { Resource } from '../resources/registry.ts';

export type Route =
  | { action: 'create'; resource: Resource; counterKey: string }
  | { action: 'retrieve'; resource: Resource; id: string; counterKey: string };

/** POST `/v1/<things>` creates; GET `/v1/<things>/<id>` retrieves; anything else is not a route. */
export function matchRoute(routes: ReadonlyMap<string, Resource>, method: string, path: string): Route | null {
  if (method === 'POST') {
    const resource = routes.get(path);
    return resource ? { action: 'create', resource, counterKey: path } : null;
  }
  if (method !== 'GET') return null;
  const slash = path.lastIndexOf('/');
  const resource = routes.get(path.slice(0, slash));
  const id = path.slice(slash + 1);
  if (!resource || id === '') return null;
  try {
    return { action: 'retrieve', resource, id: decodeURIComponent(id), counterKey: `${resource.path}/:id` };
  } catch {
    return null;
  }
}
