import { createSign } from 'node:crypto';
import type { SalesforceAuthSettings } from '@buddie/config';
import { TransientError, type Clock } from '@buddie/domain';
import { SalesforceAuthError } from './salesforce.errors';
import { TransportError, type KeepAliveHttp } from './salesforce-http';

export interface SalesforceSession {
  accessToken: string;
  instanceUrl: string;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** RS256 JWT assertion (RFC 7523) as Salesforce's JWT bearer flow expects: iss, sub, aud, exp (≤ 3 minutes). */
export function signJwtAssertion(settings: { clientId: string; username: string; audience: string; privateKeyPem: string }, now: Date): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iss: settings.clientId, sub: settings.username, aud: settings.audience, exp: Math.floor(now.getTime() / 1000) + 180 })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(settings.privateKeyPem).toString('base64url');
  return `${unsigned}.${signature}`;
}

/**
 * One session per process, kept in memory: fetched on first use, shared by concurrent callers (one
 * token request, not one per caller), and replaced only when the API says it is no longer valid.
 * Nothing is written anywhere else (no Secrets Manager version churn).
 */
export class SalesforceTokenProvider {
  private current?: Promise<SalesforceSession>;
  tokenRequests = 0;

  constructor(
    private readonly settings: Exclude<SalesforceAuthSettings, { flow: 'off' }>,
    private readonly http: KeepAliveHttp,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  session(): Promise<SalesforceSession> {
    if (!this.current) {
      const pending = this.login();
      this.current = pending;
      // A failed login is not cached: the next call tries again.
      pending.catch(() => {
        if (this.current === pending) this.current = undefined;
      });
    }
    return this.current;
  }

  /** Drops the session that failed, unless another caller already replaced it. */
  async invalidate(failed: SalesforceSession): Promise<void> {
    const session = await this.current?.catch(() => undefined);
    if (session && session.accessToken === failed.accessToken) this.current = undefined;
  }

  private async login(): Promise<SalesforceSession> {
    this.tokenRequests++;
    const form = new URLSearchParams();
    if (this.settings.flow === 'jwt-bearer') {
      form.set('grant_type', JWT_BEARER);
      form.set('assertion', signJwtAssertion(this.settings, this.clock.now()));
    } else {
      form.set('grant_type', 'client_credentials');
      form.set('client_id', this.settings.clientId);
      form.set('client_secret', this.settings.clientSecret);
    }
    let response;
    try {
      response = await this.http.send('POST', this.settings.tokenUrl, { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, form.toString(), this.timeoutMs);
    } catch (error) {
      if (error instanceof TransportError) throw new TransientError('SALESFORCE_UNREACHABLE', `token request failed: ${error.message}`);
      throw error;
    }
    const body = safeJson(response.body) as { access_token?: unknown; instance_url?: unknown; error?: unknown; error_description?: unknown } | undefined;
    if (response.status === 200 && typeof body?.access_token === 'string' && typeof body.instance_url === 'string') {
      return { accessToken: body.access_token, instanceUrl: body.instance_url.replace(/\/+$/, '') };
    }
    if (response.status >= 500) throw new TransientError('SALESFORCE_UNAVAILABLE', `token endpoint answered ${response.status}`);
    throw new SalesforceAuthError(String(body?.error ?? `HTTP ${response.status}`), String(body?.error_description ?? response.body.slice(0, 200)));
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
