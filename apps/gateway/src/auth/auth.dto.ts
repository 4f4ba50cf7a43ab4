import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { API_KEY_SCOPES, type ApiKeyScope } from '@buddie/persistence';

export class CreateKeyBody {
  /** e.g. ["read"], ["read", "pii"], ["ingest"]: read < write < admin nest; ingest and pii are granted on their own. */
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @Matches(/^[\p{L}\p{N} ._@+-]{1,80}$/u, { message: 'name must be 1-80 letters, digits, spaces or . _ @ + -' })
  name?: string;
}

export class KeyIdParam {
  @Matches(/^[a-z0-9]{12}$/, { message: 'id must be a key id (12 lowercase letters or digits)' })
  id!: string;
}
