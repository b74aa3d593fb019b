import { z } from 'zod';
import { SessionBody, SessionInfo } from '@fireflow/protocol';
import { requestJson } from './http.ts';

/** Per tab: a server with FIREFLOW_TOKEN asks once, and a reload of the tab does not ask again. */
const TOKEN_KEY = 'fireflow.token';

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function checkSession(signal?: AbortSignal) {
  return requestJson('/api/session', SessionInfo, { signal });
}

/** Trades the token for the session cookie (EventSource cannot send headers), and keeps it for this tab. */
export async function startSession(token: string) {
  await requestJson('/api/session', z.unknown(), { method: 'POST', json: SessionBody.parse({ token }) });
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (private mode): the cookie still works for this session.
  }
}
