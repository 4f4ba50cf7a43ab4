import type { Command } from 'commander';
import { loadConfig, physicalName, BuddieConfig } from '@buddie/config';
import { isApiKeyScope } from '@buddie/domain';
import { API_KEY_SCOPES, ApiKeyRepository, createDynamoClients, TABLES } from '@buddie/persistence';
import { runningStackEnv } from '../local-state';

function context(): { keys: ApiKeyRepository; close(): void } {
  const config = loadConfig(BuddieConfig, runningStackEnv() as NodeJS.ProcessEnv);
  const { client, doc } = createDynamoClients(config);
  const keys = new ApiKeyRepository(doc, physicalName(config, TABLES.apiKeys.logicalName));
  return { keys, close: () => client.destroy() };
}

/** `buddie keys`: API keys for the gateway, stored hashed; the plain key is shown once, at creation. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('create, list and revoke gateway API keys');
  keys
    .command('create')
    .description('create an API key (printed once; only its hash is stored)')
    .requiredOption('--scope <scopes>', `comma-separated, of ${API_KEY_SCOPES.join(', ')} (e.g. read,pii)`)
    .option('--name <name>', 'who or what the key is for')
    .action(async (options: { scope: string; name?: string }) => {
      const scopes = options.scope.split(',').map((scope) => scope.trim());
      const unknown = scopes.filter((scope) => !isApiKeyScope(scope));
      if (unknown.length > 0 || scopes.length === 0) throw new Error(`--scope must be a comma-separated list of ${API_KEY_SCOPES.join(', ')}`);
      const name = options.name ?? `${options.scope} key`;
      if (!/^[\p{L}\p{N} ._@+-]{1,80}$/u.test(name)) throw new Error('--name must be 1-80 letters, digits, spaces or . _ @ + -');
      const { keys: repository, close } = context();
      const { key, record } = await repository.create({ name, scopes: scopes.filter(isApiKeyScope), createdAt: new Date().toISOString() });
      close();
      console.log(`created key ${record.keyId} (${record.scopes.join(',')}, "${record.name}")`);
      console.log(`  ${key}`);
      console.log('  store it now: it is not shown again. Send it as the x-api-key header.');
    });
  keys
    .command('list')
    .description('list API keys (ids, scopes, created / last used / revoked)')
    .action(async () => {
      const { keys: repository, close } = context();
      const all = await repository.list();
      close();
      if (all.length === 0) return console.log('no API keys yet: create one with `buddie keys create --scope read`');
      for (const key of all) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
        console.log(`${key.keyId}  ${key.scopes.join(',').padEnd(16)}  ${state.padEnd(32)}  created ${key.createdAt}  last used ${key.lastUsedAt ?? 'never'}  ${key.name}`);
      }
    });
  keys
    .command('revoke <id>')
    .description('revoke an API key by id (takes effect within the gateway key cache, 5 s by default)')
    .action(async (id: string) => {
      if (!/^[a-z0-9]{12}$/.test(id)) throw new Error('the id is the 12-character key id shown by `buddie keys list`');
      const { keys: repository, close } = context();
      const revoked = await repository.revoke(id, new Date().toISOString());
      close();
      if (!revoked) throw new Error(`no API key ${id}`);
      console.log(`revoked ${id}`);
    });
}
