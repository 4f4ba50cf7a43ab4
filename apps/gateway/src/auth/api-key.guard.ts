import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GatewayConfig } from '@buddie/config';
import { BuddieError } from '@buddie/domain';
import { BUDDIE_CONFIG } from '@buddie/runtime';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Until scoped, hashed keys land (gateway issue), the API accepts the one development key the
 * local runtime prints at start. Compared by hash in constant time; never logged.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(BUDDIE_CONFIG) config: GatewayConfig) {
    this.expected = config.DEV_API_KEY ? digest(config.DEV_API_KEY) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const headers = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers;
    const bearer = headers.authorization?.startsWith('Bearer ') ? headers.authorization.slice(7) : undefined;
    const key = headers['x-api-key'] ?? bearer;
    if (!key) throw new BuddieError('UNAUTHORIZED', 'an API key is required (x-api-key header or Authorization: Bearer)', true);
    if (!this.expected || !timingSafeEqual(digest(key), this.expected)) throw new BuddieError('UNAUTHORIZED', 'the API key is not valid', true);
    return true;
  }
}
