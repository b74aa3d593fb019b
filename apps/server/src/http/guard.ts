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

  const hostAllowed = (hostHeader: string, port: string): boolean => {
    const host = splitHost(hostHeader);
    return (
      host !== null &&
      (extraHosts.has(hostHeader.toLowerCase()) ||
        extraHosts.has(host.hostname) ||
        (ownNames.has(host.hostname) && host.port === port))
    );
  };
  const originAllowed = (claimed: string, port: string): boolean => {
    const origin = originOf(claimed);
    return origin !== null && (isOwnOrigin(origin, ownNames, port) || extraOrigins.has(origin));
  };
  // Every request asks the same few questions; parsing URLs each time is wasted work on the hot path.
  const hostCache = new BoundedCache();
  const originCache = new BoundedCache();

  return (req, _res, next) => {
    const port = String(req.socket.localPort ?? '');
    const hostHeader = req.headers.host ?? '';
    if (!hostCache.get(`${port} ${hostHeader}`, () => hostAllowed(hostHeader, port))) {
      next(new HttpError(403, 'FORBIDDEN_ORIGIN', `Host "${hostHeader}" is not this server.`));
      return;
    }
    const claimed = req.headers.origin ?? req.headers.referer;
    // Stripe posts webhooks from its servers; their signature, not their origin, is what counts.
    if (!STATE_CHANGING.has(req.method) || claimed === undefined || req.path.startsWith('/api/hooks/')) {
      next();
      return;
    }
    if (originCache.get(`${port} ${claimed}`, () => originAllowed(claimed, port))) {
      next();
      return;
    }
    const origin = originOf(claimed);
    next(
      new HttpError(
        403,
        'FORBIDDEN_ORIGIN',
        `Requests from ${origin ?? 'an opaque origin'} may not change anything here.`,
      ),
    );
  };
}

/** Remembers a few hundred answers; cleared when full, so hostile variety cannot grow it. */
class BoundedCache {
  private readonly answers = new Map<string, boolean>();
  get(key: string, compute: () => boolean): boolean {
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    if (this.answers.size >= 256) this.answers.clear();
    const answer = compute();
    this.answers.set(key, answer);
    return answer;
  }
}
