import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fireflow</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Fireflow</h1>
<p>The API is running, but the web editor has not been built yet.</p>
<p>Run <code>pnpm build</code> from the repository root, then reload this page
(or use <code>pnpm dev</code> for the Vite dev server).</p>
<p>API description: <a href="/api/openapi.json">/api/openapi.json</a></p>
</body></html>
`;

/**
 * The built editor (static files, and index.html for any other GET outside /api so client-side routes load);
 * without a build, `/` explains how to make one. Checked once at start-up, not per request.
 */
export function webHandlers(webDir: string | null): RequestHandler[] {
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    const index = path.join(webDir, 'index.html');
    const spaFallback: RequestHandler = (req, res, next) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/') || req.path === '/api') {
        next();
        return;
      }
      res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
    };
    // Vite's assets are content-hashed and may be cached; index.html must not be, or a rebuild goes unseen.
    const assets = express.static(webDir, {
      index: 'index.html',
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
      },
    });
    return [assets, spaFallback];
  }
  const notBuilt: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' && req.path === '/') res.type('html').send(NOT_BUILT);
    else next();
  };
  return [notBuilt];
}
