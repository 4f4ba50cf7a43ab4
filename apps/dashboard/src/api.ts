/** REST calls to the gateway (same origin when it serves the dashboard; NEXT_PUBLIC_API_URL otherwise). */
export const API_URL = process.env.NEXT_PUBLIC_API_URL ?? '';
const KEY_STORAGE = 'buddie.apiKey';

export function storedKey(): string | null {
  return typeof window === 'undefined' ? null : window.localStorage.getItem(KEY_STORAGE);
}
export function storeKey(key: string | null): void {
  if (key) window.localStorage.setItem(KEY_STORAGE, key);
  else window.localStorage.removeItem(KEY_STORAGE);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}, key = storedKey()): Promise<T> {
  const headers = new Headers(init.headers);
  if (key) headers.set('x-api-key', key);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(`${API_URL}${path}`, { ...init, headers });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText);
  }
  return body as T;
}

// The gateway's response DTOs, type-only: the dashboard compiles against the shapes the API declares.
export type { Page } from '@buddie/api-contract';
