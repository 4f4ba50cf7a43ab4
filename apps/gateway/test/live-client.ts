import { io, type Socket } from 'socket.io-client';

export interface ReceivedEvent {
  id: string;
  type: string;
  correlationId: string;
  detail: Record<string, unknown>;
}

/** A live-feed client for tests: records every event it receives, by type. */
export async function connectLive(url: string, auth: { apiKey?: string; token?: string }): Promise<{ socket: Socket; received: ReceivedEvent[] }> {
  const socket = io(`${url}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: ReceivedEvent[] = [];
  socket.onAny((type: string, event: ReceivedEvent) => received.push({ ...event, type }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return { socket, received };
}

export function subscribe(socket: Socket, room: string): Promise<{ ok: boolean; snapshot?: { items: Record<string, unknown>[] }; error?: { code: string } }> {
  return socket.timeout(5000).emitWithAck('subscribe', { room });
}

export async function redisReachable(url: string): Promise<boolean> {
  const { default: Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
