import 'reflect-metadata';

type DtoClass = abstract new (...args: never[]) => object;
interface PropertyMeta {
  type?: unknown;
  additionalProperties?: unknown;
}

const isClass = (value: unknown): value is DtoClass => typeof value === 'function' && /^class\s/.test(Function.prototype.toString.call(value));

/** The property names a DTO class declares to OpenAPI (@ApiProperty / @ApiPropertyOptional). */
export function declaredKeys(dto: DtoClass): string[] {
  const names = (Reflect.getMetadata('swagger/apiModelPropertiesArray', dto.prototype) as string[] | undefined) ?? [];
  return names.map((name) => name.replace(/^:/, ''));
}

/**
 * Paths in `value` that its DTO class does not declare, following nested DTOs and arrays of them;
 * free-form members (additionalProperties) are not walked. Empty when the value is allow-listed.
 */
export function undeclaredPaths(value: unknown, dto: DtoClass, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => undeclaredPaths(item, dto, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const declared = new Set(declaredKeys(dto));
  const found: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!declared.has(key)) {
      found.push(at);
      continue;
    }
    const meta = Reflect.getMetadata('swagger/apiModelProperties', dto.prototype, key) as PropertyMeta | undefined;
    if (meta?.additionalProperties !== undefined) continue;
    const type = Array.isArray(meta?.type) ? meta?.type[0] : meta?.type;
    if (isClass(type)) found.push(...undeclaredPaths(member, type, at));
  }
  return found;
}
