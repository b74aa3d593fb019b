import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

export interface OriginPolicy {
  /** The host the server is bound to (config.host). */
  host: string;
  /** Extra `Host` header values accepted as is (`name` or `name:port`), e.g. behind a reverse proxy. */
  allowedHosts?: string[];
  /** Extra origins allowed to make state-changing requests, e.g. `http://localhost:5173` for a dev server. */
  allowedOrigins?: string[];
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

function hostPart(host: string): string {
  const trimmed = host.trim().toLowerCase();
  return trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
}

function splitHost(value: string): { hostname: string; port: string } | null {
  try {
    const url = new URL(`http://${value}`);
    return { hostname: url.hostname.toLowerCase(), port: url.port || '80' };
  } catch {
    return null;
  }
}

function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function isOwnOrigin(origin: string, ownNames: Set<string>, port: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && ownNames.has(url.hostname.toLowerCase()) && (url.port || '80') === port;
}

/**
 * Refuses requests a browser could be tricked into sending: a `Host` that is not ours (DNS rebinding) and a
 * state-changing request from another site's page (CSRF — it could start a Stripe call). Clients that send
 * neither `Origin` nor `Referer` (curl, the CLI, tests) are not browsers and pass.
 */
export function originGuard(policy: OriginPolicy): RequestHandler {
  const ownNames = new Set(LOOPBACK);
  if (!WILDCARD.has(policy.host.trim())) ownNames.add(hostPart(policy.host));
  const extraHosts = new Set((policy.allowedHosts ?? []).map((h) => h.trim().toLowerCase()));
  const extraOrigins = new Set((policy.allowedOrigins ?? []).map((o) => originOf(o)).filter((o) => o !== null));

  return (req, _res, next) => {
    const port = String(req.socket.localPort ?? '');
    const hostHeader = req.headers.host ?? '';
    const host = splitHost(hostHeader);
    const hostOk =
      host !== null &&
      (extraHosts.has(hostHeader.toLowerCase()) ||
        extraHosts.has(host.hostname) ||
        (ownNames.has(host.hostname) && host.port === port));
    if (!hostOk) {
      next(new HttpError(403, 'FORBIDDEN_ORIGIN', `Host "${hostHeader}" is not this server.`));
      return;
    }
    if (!STATE_CHANGING.has(req.method)) {
      next();
      return;
    }
    const claimed = req.headers.origin ?? req.headers.referer;
    if (claimed === undefined) {
      next();
      return;
    }
    const origin = originOf(claimed);
    if (origin !== null && (isOwnOrigin(origin, ownNames, port) || extraOrigins.has(origin))) {
      next();
      return;
    }
    next(new HttpError(403, 'FORBIDDEN_ORIGIN', `Requests from ${origin ?? 'an opaque origin'} may not change anything here.`));
  };
}
