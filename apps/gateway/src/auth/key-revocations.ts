import { Injectable } from '@nestjs/common';

/**
 * Tells whoever holds a key's long-lived connections that it was revoked: the live feed closes them
 * (on every instance, through the Socket.IO Redis adapter). In process, so auth needs no import of live.
 */
@Injectable()
export class KeyRevocations {
  private readonly listeners: ((keyId: string) => void)[] = [];

  onRevoked(listener: (keyId: string) => void): void {
    this.listeners.push(listener);
  }

  revoked(keyId: string): void {
    for (const listener of this.listeners) listener(keyId);
  }
}
