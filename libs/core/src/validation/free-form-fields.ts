import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { TransformationType } from 'class-transformer';

// The storage behind @Type/@Transform; @nestjs/mapped-types reads it the same way.
const { defaultMetadataStorage: transformerMetadata } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

type DtoClass = abstract new (...args: never[]) => object;
const LEAF_TYPES = new Set<unknown>([String, Number, Boolean, Date, Object, Array]);

/** Values class-transformer must not see, by key, plus the same for each nested DTO value. */
export interface Detached {
  raw: Map<string, unknown>;
  nested: Map<string, Detached | (Detached | undefined)[]>;
}

function nestedClass(dto: DtoClass, key: string): DtoClass | undefined {
  const type = transformerMetadata.findTypeMetadata(dto, key)?.typeFunction() as DtoClass | undefined;
  return type && !LEAF_TYPES.has(type) ? type : undefined;
}

/**
 * A field is shaped (worth transforming) when it is declared with a scalar type or carries
 * @Type/@Transform. Everything else (free-form JSON such as `config` or `metadata`, and undeclared
 * keys, which validation reports) stays exactly as parsed: class-transformer would turn keys named
 * `constructor` or `__proto__` into crashes or prototype changes, and recurse without bound.
 */
function isShaped(dto: DtoClass, key: string): boolean {
  const designType: unknown = Reflect.getMetadata('design:type', dto.prototype, key);
  if (designType === undefined) return false;
  if (designType !== Object && designType !== Array) return true;
  return (
    transformerMetadata.findTypeMetadata(dto, key) !== undefined ||
    transformerMetadata.findTransformMetadatas(dto, key, TransformationType.PLAIN_TO_CLASS).length > 0
  );
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
    if (!isShaped(dto, key)) {
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
      const inner = value.map((item, i) => (isObject(item) ? detachFreeForm(nested, item, [...loc, key, i]) : undefined));
      shaped[key] = inner.map((part, i) => (part ? part.shaped : value[i]));
      detached.nested.set(key, inner.map((part) => part?.detached));
      inner.forEach((part) => reserved.push(...(part?.reserved ?? [])));
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
