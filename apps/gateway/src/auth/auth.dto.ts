import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { API_KEY_SCOPES, type ApiKeyScope } from '@buddie/persistence';

export class CreateKeyBody {
  @ApiProperty({ enum: API_KEY_SCOPES })
  @IsIn(API_KEY_SCOPES)
  scope!: ApiKeyScope;

  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @Matches(/^[\p{L}\p{N} ._@+-]{1,80}$/u, { message: 'name must be 1-80 letters, digits, spaces or . _ @ + -' })
  name?: string;
}

export class KeyIdParam {
  @Matches(/^[a-z0-9]{12}$/, { message: 'id must be a key id (12 lowercase letters or digits)' })
  id!: string;
}

export class LiveTokenDto {
  @ApiProperty()
  token!: string;

  @ApiProperty()
  expiresAt!: string;
}
