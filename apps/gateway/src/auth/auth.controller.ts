import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError, type Clock } from '@buddie/domain';
import { ApiKeyDto, CreatedApiKeyDto, LiveTokenDto, PrincipalDto } from '@buddie/api-contract';
import { ApiKeyRepository, type ApiKeySummary } from '@buddie/persistence';
import { ApiKeyVerifier, CLOCK } from '@buddie/runtime';
import { CreateKeyBody, KeyIdParam } from './auth.dto';
import { KeyRevocations } from './key-revocations';
import { LiveTokenSigner } from './live-token';
import type { Principal } from './principal';
import { RequireScope } from './scope.decorator';

function apiKeyDto(key: ApiKeySummary): ApiKeyDto {
  return { keyId: key.keyId, name: key.name, scopes: [...key.scopes], createdAt: key.createdAt, revokedAt: key.revokedAt, lastUsedAt: key.lastUsedAt };
}

@ApiTags('auth')
@ApiSecurity('api-key')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly tokens: LiveTokenSigner,
    private readonly revocations: KeyRevocations,
    private readonly verifier: ApiKeyVerifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A short-lived token for the live feed's handshake, carrying the caller's own scope. */
  @Post('live/token')
  @HttpCode(200)
  @RequireScope('read')
  @ApiOkResponse({ type: LiveTokenDto })
  liveToken(@Req() request: { principal: Principal }): LiveTokenDto {
    const { token, expiresAt } = this.tokens.mint(request.principal);
    return { token, expiresAt };
  }

  /** Who am I: lets the dashboard check a key at sign-in and show what it may do. */
  @Get('me')
  @RequireScope('read')
  @ApiOkResponse({ type: PrincipalDto })
  me(@Req() { principal }: { principal: Principal }): PrincipalDto {
    return { keyId: principal.keyId, name: principal.name, scopes: [...principal.scopes] };
  }

  @Get('keys')
  @RequireScope('admin')
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(): Promise<ApiKeyDto[]> {
    return (await this.keys.list()).map(apiKeyDto);
  }

  @Post('keys')
  @RequireScope('admin')
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'the plain key is returned once; only its hash is stored' })
  async create(@Body() body: CreateKeyBody): Promise<CreatedApiKeyDto> {
    const { key, record } = await this.keys.create({ name: body.name ?? `${body.scopes.join('+')} key`, scopes: body.scopes, createdAt: this.clock.now().toISOString() });
    return { key, record: apiKeyDto(record) };
  }

  @Delete('keys/:id')
  @HttpCode(204)
  @RequireScope('admin')
  async revoke(@Param() { id }: KeyIdParam): Promise<void> {
    if (!(await this.keys.revoke(id, this.clock.now().toISOString()))) throw new NotFoundError('key', id);
    // This instance refuses the key at once; the others within API_KEY_CACHE_MS. Its sockets close everywhere now.
    this.verifier.forget(id);
    this.revocations.revoked(id);
  }
}
