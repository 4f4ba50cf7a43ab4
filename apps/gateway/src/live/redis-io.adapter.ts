import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { ServerOptions } from 'socket.io';

// @nestjs/platform-socket.io carries its own socket.io copy; its Server type is the one to speak.
type NestIoServer = ReturnType<IoAdapter['createIOServer']>;

/**
 * Socket.IO with the gateway's CORS origins and, when REDIS_URL is set, the Redis adapter: an event
 * emitted on any instance reaches the sockets of every instance.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly options: { origins: string[]; redisUrl?: string; channelPrefix: string },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): NestIoServer {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: this.options.origins, credentials: false },
      maxHttpBufferSize: 16 * 1024,
      // The handshake is authenticated per namespace; the default one is never used.
      serveClient: false,
    }) as NestIoServer;
    if (this.options.redisUrl) {
      const pub = new Redis(this.options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
      const sub = pub.duplicate();
      this.clients.push(pub, sub);
      // Channels are per environment, so stacks sharing one Redis never see each other's events.
      server.adapter(createAdapter(pub, sub, { key: `${this.options.channelPrefix}:socket.io` }) as unknown as Parameters<NestIoServer['adapter']>[0]);
    }
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    this.clients.splice(0).forEach((client) => client.disconnect());
  }
}
