import type { ApiKeyScope } from '@buddie/domain';

/** Who is calling: the verified key's id and scopes, attached to the request (or socket) by the guard. */
export interface Principal {
  keyId: string;
  name: string;
  scopes: ApiKeyScope[];
}

export const DEV_KEY_ID = 'dev';
