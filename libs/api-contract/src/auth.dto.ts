import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The caller's key as the gateway verified it (GET /api/v1/me). */
export class PrincipalDto {
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  /** read < write < admin nest; ingest and pii are granted on their own. */
  @ApiProperty({ type: [String] }) scopes!: string[];
}

/** A key's record without its hash. */
export class ApiKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() lastUsedAt?: string;
}

export class CreatedApiKeyDto {
  /** The plain key: returned once, only its hash is stored. */
  @ApiProperty() key!: string;
  @ApiProperty({ type: ApiKeyDto }) record!: ApiKeyDto;
}

export class LiveTokenDto {
  @ApiProperty() token!: string;
  @ApiProperty() expiresAt!: string;
}
