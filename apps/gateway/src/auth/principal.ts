import type { ApiKeyScope } from '@buddie/persistence';

/** Who is calling: the verified key's id and scope, attached to the request (or socket) by the guard. */
export interface Principal {
  keyId: string;
  name: string;
  scope: ApiKeyScope;
}

export const DEV_KEY_ID = 'dev';
