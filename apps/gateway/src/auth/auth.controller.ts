import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError, type Clock } from '@buddie/domain';
import { ApiKeyRepository, type ApiKeySummary } from '@buddie/persistence';
import { CLOCK } from '@buddie/runtime';
import { CreateKeyBody, KeyIdParam, LiveTokenDto } from './auth.dto';
import { LiveTokenSigner } from './live-token';
import type { Principal } from './principal';
import { RequireScope } from './scope.decorator';

@ApiTags('auth')
@ApiSecurity('api-key')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly tokens: LiveTokenSigner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A short-lived token for the live feed's handshake, carrying the caller's own scope. */
  @Post('live/token')
  @HttpCode(200)
  @RequireScope('read')
  @ApiOkResponse({ type: LiveTokenDto })
  liveToken(@Req() request: { principal: Principal }): LiveTokenDto {
    return this.tokens.mint(request.principal);
  }

  /** Who am I: lets the dashboard check a key at sign-in and show what it may do. */
  @Get('me')
  @RequireScope('read')
  me(@Req() request: { principal: Principal }): Principal {
    return request.principal;
  }

  @Get('keys')
  @RequireScope('admin')
  list(): Promise<ApiKeySummary[]> {
    return this.keys.list();
  }

  @Post('keys')
  @RequireScope('admin')
  @ApiCreatedResponse({ description: 'the plain key is returned once; only its hash is stored' })
  create(@Body() body: CreateKeyBody): Promise<{ key: string; record: ApiKeySummary }> {
    return this.keys.create({ name: body.name ?? `${body.scopes.join('+')} key`, scopes: body.scopes, createdAt: this.clock.now().toISOString() });
  }

  @Delete('keys/:id')
  @HttpCode(204)
  @RequireScope('admin')
  async revoke(@Param() { id }: KeyIdParam): Promise<void> {
    if (!(await this.keys.revoke(id, this.clock.now().toISOString()))) throw new NotFoundError('key', id);
  }
}
