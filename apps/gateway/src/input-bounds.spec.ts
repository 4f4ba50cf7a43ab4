import 'reflect-metadata';
import { getMetadataStorage, validateSync } from 'class-validator';
import { GatewayModule } from './gateway.module';

/** The one part of class-validator's registry this test reads: which classes declare which validated properties. */
interface ValidationRegistry {
  validationMetadatas: Map<new () => object, { propertyName: string }[]>;
}

/**
 * Every field of every request DTO (query, params, bodies) is bounded: an oversized string is refused with a
 * reason, whatever the field's type. Discovered from class-validator's registry, so a DTO added later with an
 * unbounded field fails here without anyone listing it.
 */
describe('request DTOs bound every field', () => {
  expect(GatewayModule).toBeDefined(); // loads every controller and so every DTO class
  const registry = getMetadataStorage() as unknown as ValidationRegistry;
  const dtos = [...registry.validationMetadatas.entries()].filter(([target]) => /(Query|Body|Param)$/.test(target.name));

  it('finds the gateway request DTOs', () => {
    const names = dtos.map(([target]) => target.name);
    for (const known of ['PageQuery', 'ListContactsQuery', 'CreateKeyBody', 'RecordIdParam', 'EscalationActionBody']) expect(names).toContain(known);
  });

  it.each(['a'.repeat(5000), '1'.repeat(5000), `${'x'.repeat(4990)}@example`])('given an oversized string (%#) in any field, then that field is refused', (oversized) => {
    const unbounded: string[] = [];
    for (const [target, metadata] of dtos) {
      for (const property of new Set(metadata.map((m) => m.propertyName))) {
        const instance = Object.assign(new target(), { [property]: oversized });
        const errors = validateSync(instance);
        if (!errors.some((e) => e.property === property)) unbounded.push(`${target.name}.${property}`);
      }
    }
    expect(unbounded).toEqual([]);
  });
});
