import { createHmac, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { SessionBody, type SessionInfo } from '@fireflow/protocol';
import { jsonBody, requireJsonBody } from './body.ts';
import { HttpError } from './errors.ts';
import { parseInput } from './parse.ts';

export const SESSION_COOKIE = 'fireflow_session';

/**
 * Open without the token: the health check (load balancers, `fireflow` itself), Stripe's webhooks (signed), and
 * trading the token for a session cookie (which checks the token itself).
 */
function isOpen(method: string, path: string): boolean {
  return path === '/api/health' || path.startsWith('/api/hooks/') || (path === '/api/session' && method !== 'GET');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The cookie holds a value derived from the token, not the token: it is only good on a server with that token. */
function sessionValue(token: string): string {
  return createHmac('sha256', token).update('fireflow session').digest('base64url');
}

function cookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

const unauthorized = () =>
  new HttpError(
    401,
    'UNAUTHORIZED',
    'This Fireflow server needs its access token: send Authorization: Bearer <token>.',
  );

/**
 * With a token, every /api request but the open ones needs `Authorization: Bearer <token>` or the session cookie
 * (EventSource cannot send headers); without one (loopback only, see serve), everything passes.
 */
export function accessGuard(token: string | null): RequestHandler {
  if (token === null) return (_req, _res, next) => next();
  const bearer = `Bearer ${token}`;
  const session = sessionValue(token);
  return (req, res, next) => {
    if (!req.path.startsWith('/api/') || isOpen(req.method, req.path)) {
      next();
      return;
    }
    const header = req.headers.authorization;
    const fromCookie = cookie(req, SESSION_COOKIE);
    if ((header !== undefined && same(header, bearer)) || (fromCookie !== null && same(fromCookie, session))) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="fireflow"');
    next(unauthorized());
  };
}

/**
 * `POST /api/session { token }` sets an HttpOnly, SameSite=Strict cookie for the browser's event streams;
 * `DELETE` clears it. `GET` answers 200 once the caller is let in (the editor's "do I need to ask?").
 */
export function sessionRoutes(token: string | null): Router {
  const router = Router();
  // Behind the guard: answering at all means the caller is let in.
  router.get('/api/session', (_req, res) => {
    res.json({ token_required: token !== null } satisfies SessionInfo);
  });
  router.post('/api/session', requireJsonBody, jsonBody, (req, res) => {
    const body = parseInput(SessionBody, req.body, 'session');
    if (token === null) {
      res.status(204).end();
      return;
    }
    if (!same(body.token, token)) throw unauthorized();
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sessionValue(token)}; HttpOnly; SameSite=Strict; Path=/api`);
    res.status(204).end();
  });
  router.delete('/api/session', (_req, res) => {
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/api; Max-Age=0`);
    res.status(204).end();
  });
  return router;
}
