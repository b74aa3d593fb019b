export type Route = { name: 'list' } | { name: 'editor'; flowId: string } | { name: 'not-found'; path: string };

/** Hash routes, so the server only ever serves index.html at `/`. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'list' };
  const editor = /^\/flows\/([^/]+)\/?$/.exec(path);
  if (editor?.[1]) return { name: 'editor', flowId: decodeURIComponent(editor[1]) };
  return { name: 'not-found', path };
}

export const hrefFor = (route: Route): string => {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'editor':
      return `#/flows/${encodeURIComponent(route.flowId)}`;
    case 'not-found':
      return `#${route.path}`;
  }
};
