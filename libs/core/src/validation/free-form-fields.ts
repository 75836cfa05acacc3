import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// The storage behind @Type/@Transform; @nestjs/mapped-types reads it the same way.
const { defaultMetadataStorage: transformerMetadata } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

type DtoClass = abstract new (...args: never[]) => object;
const LEAF_TYPES = new Set<unknown>([String, Number, Boolean, Date, Object, Array]);

/** Values class-transformer must not see, by key, plus the same for each nested DTO value. */
export interface Detached {
  raw: Map<string, unknown>;
  nested: Map<string, Detached | Detached[]>;
}

function nestedClass(dto: DtoClass, key: string): DtoClass | undefined {
  const type = transformerMetadata.findTypeMetadata(dto, key)?.typeFunction() as DtoClass | undefined;
  return type && !LEAF_TYPES.has(type) ? type : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether class-transformer may see this value: a scalar of a declared field (conversions such as
 * @Type(() => Number) and @Transform only ever see scalars), or an object (or list of objects) of a
 * nested-DTO field, which is detached in turn. Everything else (free-form JSON such as `config` or
 * `metadata`, an object sent where a scalar belongs, undeclared keys) stays exactly as parsed for
 * validation to judge: class-transformer would turn keys named `constructor` or `__proto__` into
 * crashes or prototype changes, and it recurses without bound.
 */
function isShaped(dto: DtoClass, key: string, value: unknown): boolean {
  if (Reflect.getMetadata('design:type', dto.prototype, key) === undefined) return false;
  if (typeof value !== 'object' || value === null) return true;
  return nestedClass(dto, key) !== undefined && (isObject(value) || (Array.isArray(value) && value.every(isObject)));
}

type Loc = (string | number)[];

export interface DetachResult {
  shaped: Record<string, unknown>;
  detached: Detached;
  /** Undeclared keys named like Object.prototype members (`constructor`, `__proto__`): never set on a DTO. */
  reserved: Loc[];
}

/** Splits `plain` into what class-transformer may transform and what is put back untouched. */
export function detachFreeForm(dto: DtoClass, plain: Record<string, unknown>, loc: Loc = []): DetachResult {
  const shaped: Record<string, unknown> = {};
  const detached: Detached = { raw: new Map(), nested: new Map() };
  const reserved: Loc[] = [];
  for (const key of Object.keys(plain)) {
    const value = plain[key];
    if (!isShaped(dto, key, value)) {
      if (key in Object.prototype) reserved.push([...loc, key]);
      else detached.raw.set(key, value);
      continue;
    }
    const nested = nestedClass(dto, key);
    if (nested && isObject(value)) {
      const inner = detachFreeForm(nested, value, [...loc, key]);
      shaped[key] = inner.shaped;
      detached.nested.set(key, inner.detached);
      reserved.push(...inner.reserved);
    } else if (nested && Array.isArray(value)) {
      const inner = (value as Record<string, unknown>[]).map((item, i) => detachFreeForm(nested, item, [...loc, key, i]));
      shaped[key] = inner.map((part) => part.shaped);
      detached.nested.set(key, inner.map((part) => part.detached));
      inner.forEach((part) => reserved.push(...part.reserved));
    } else {
      shaped[key] = value;
    }
  }
  return { shaped, detached, reserved };
}

/** Puts detached values back as own properties (defineProperty: a `__proto__` key stays a key). */
export function reattachFreeForm(target: unknown, detached: Detached | undefined): void {
  if (!detached || typeof target !== 'object' || target === null) return;
  for (const [key, value] of detached.raw) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const [key, inner] of detached.nested) {
    const value = (target as Record<string, unknown>)[key];
    if (Array.isArray(inner)) inner.forEach((part, i) => reattachFreeForm(Array.isArray(value) ? value[i] : undefined, part));
    else reattachFreeForm(value, inner);
  }
}
