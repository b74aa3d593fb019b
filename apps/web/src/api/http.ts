import type { z } from 'zod';
import { ApiError } from '@fireflow/protocol';
import { storedToken } from './session.ts';

/** A failed request, carrying the server's `{ error: { code, message } }` when it sent one. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = ApiError.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiRequestError(response.status, code, message, details);
    }
  } catch {
    // Not JSON: fall through to a generic message (e.g. a proxy's HTML error page).
  }
  const reason =
    response.status === 502 || response.status === 504 ? 'the Fireflow server is not reachable' : response.statusText;
  return new ApiRequestError(
    response.status,
    `HTTP_${response.status}`,
    `Request failed (${response.status}): ${reason}`,
  );
}

/** Fetches `url` and parses the JSON answer with `schema`; every response crosses this boundary. */
export async function requestJson<S extends z.ZodType>(
  url: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = storedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) {
    headers['content-type'] = options.contentType;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: body ?? null,
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, 'NETWORK', 'Cannot reach the Fireflow server. Is it running?');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return schema.parse(undefined);
  const data: unknown = await response.json().catch(() => {
    throw new ApiRequestError(response.status, 'BAD_RESPONSE', 'The server sent a response that is not JSON.');
  });
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
    throw new ApiRequestError(response.status, 'BAD_RESPONSE', `Unexpected response from ${url} — ${where}`);
  }
  return parsed.data;
}

/** A readable one-liner for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
