import type { BuddieConfig } from './buddie.config';

/** Physical names derive from logical ones in one place, for local boot and for CDK alike. */
export function physicalName(config: Pick<BuddieConfig, 'RESOURCE_PREFIX'>, logical: string): string {
  return `${config.RESOURCE_PREFIX}-${logical}`;
}
