import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { errorCode } from '@buddie/domain';
import type { GatewayConfig } from '@buddie/config';
import { ApiKeyVerifier, BUDDIE_CONFIG } from '@buddie/runtime';
import { KeyRevocations } from '../auth/key-revocations';
import { LiveTokenSigner } from '../auth/live-token';
import type { Principal } from '../auth/principal';
import { LiveHub } from './live.hub';
import { isRoom, LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents, type SubscribeReply } from './live.protocol';
import { LiveSnapshots } from './live.snapshot';

const MAX_ROOMS_PER_SOCKET = 25;

/** A server-side room per key, never one a client can subscribe to (isRoom knows no `key:`): revocation closes it. */
const keyRoom = (keyId: string) => `key:${keyId}`;

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal?: Principal }>;

/**
 * The live feed. The handshake carries an API key or a token minted from one (auth.token / auth.apiKey,
 * or the x-api-key header); sockets never join rooms themselves: `subscribe` is checked and joined here.
 * A token is checked against revocation when it connects; revoking a key closes its sockets on every
 * instance at once (Redis adapter), and a periodic check catches keys revoked elsewhere (the CLI).
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('LiveGateway');
  private namespace?: Namespace<ClientToServerEvents, ServerToClientEvents>;
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly keys: ApiKeyVerifier,
    private readonly tokens: LiveTokenSigner,
    private readonly hub: LiveHub,
    private readonly snapshots: LiveSnapshots,
    private readonly revocations: KeyRevocations,
    @Inject(BUDDIE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  afterInit(namespace: Namespace<ClientToServerEvents, ServerToClientEvents>): void {
    namespace.use((socket, next) => {
      this.authenticate(socket as LiveSocket)
        .then(() => next())
        .catch((error: unknown) => {
          // The client sees the code only (UNAUTHORIZED), never why a given key was refused.
          const refusal = new Error(errorCode(error) === 'UNAUTHORIZED' ? 'UNAUTHORIZED' : 'UNAVAILABLE') as Error & { data?: unknown };
          refusal.data = { code: refusal.message };
          next(refusal);
        });
    });
    this.hub.attach(namespace);
    this.namespace = namespace;
    // Remote disconnect: with the Redis adapter this reaches the key's sockets on every instance.
    this.revocations.onRevoked((keyId) => namespace.in(keyRoom(keyId)).disconnectSockets(true));
    this.sweep = setInterval(() => void this.closeRevoked(), this.config.LIVE_REVOCATION_CHECK_MS);
    this.sweep.unref();
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    if (socket.data.principal) await socket.join(keyRoom(socket.data.principal.keyId));
  }

  onModuleDestroy(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  /** Keys revoked where no socket event reached us (`buddie keys revoke`, another deployment): close their sockets here. */
  private async closeRevoked(): Promise<void> {
    const sockets = [...(this.namespace?.sockets.values() ?? [])] as LiveSocket[];
    const keyIds = new Set(sockets.map((socket) => socket.data.principal?.keyId).filter((id): id is string => id !== undefined));
    for (const keyId of keyIds) {
      try {
        if (!(await this.keys.isActive(keyId))) {
          this.keys.forget(keyId);
          for (const socket of sockets) if (socket.data.principal?.keyId === keyId) socket.disconnect(true);
        }
      } catch (error) {
        this.logger.warn({ message: 'could not check a live key against revocation', keyId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() request: unknown): Promise<SubscribeReply> {
    const room = (request as { room?: unknown } | null)?.room;
    if (!isRoom(room)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'room must be agents, alerts, summaries, journeys, escalations, contacts, sync, agent:<id> or queue:<name>' } };
    if (!socket.rooms.has(room) && socket.rooms.size > MAX_ROOMS_PER_SOCKET) return { ok: false, error: { code: 'INVALID_INPUT', message: `at most ${MAX_ROOMS_PER_SOCKET} rooms per connection` } };
    // Join first, read second: whatever changes while the snapshot is read arrives as a delta too.
    await socket.join(room);
    try {
      return { ok: true, room, snapshot: await this.snapshots.of(room) };
    } catch (error) {
      this.logger.warn(`snapshot of ${room} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'the snapshot could not be read; retry' } };
    }
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() request: unknown): Promise<{ ok: boolean }> {
    const room = (request as { room?: unknown } | null)?.room;
    if (!isRoom(room)) return { ok: false };
    await socket.leave(room);
    return { ok: true };
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; apiKey?: unknown };
    if (typeof auth.token === 'string') {
      const principal = this.tokens.verify(auth.token);
      if (!principal) throw Object.assign(new Error('token refused'), { code: 'UNAUTHORIZED' });
      // A token outlives nothing: a key revoked since it was minted opens no socket.
      if (!(await this.keys.isActive(principal.keyId))) throw Object.assign(new Error('key revoked'), { code: 'UNAUTHORIZED' });
      socket.data.principal = principal;
      return;
    }
    const header = socket.handshake.headers['x-api-key'];
    const key = typeof auth.apiKey === 'string' ? auth.apiKey : typeof header === 'string' ? header : undefined;
    socket.data.principal = await this.keys.verify(key);
  }
}
