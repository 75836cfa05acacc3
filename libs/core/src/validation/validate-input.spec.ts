import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, ValidateNested } from 'class-validator';
import { AppException } from '../errors/app-exception';
import type { ValidationIssue } from '../errors/validation-issue';
import { Nullable } from './nullable.decorator';
import { validateInput } from './validate-input';

class Filters {
  @IsOptional()
  @IsString()
  source?: string;

  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
}

class Sample {
  @IsOptional()
  @IsString()
  @MaxLength(10)
  name?: string;

  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(50)
  limit: number = 10;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  tags?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Filters)
  filters?: Filters;

  @IsOptional()
  @Nullable()
  @IsString()
  expires_at?: string | null;
}

const issuesOf = (plain: object) =>
  validateInput(Sample, plain as Record<string, unknown>, ['body']).then(
    () => [],
    (err: AppException) => err.detail as ValidationIssue[],
  );

describe('validateInput', () => {
  it('keeps free-form JSON exactly as sent, keys named constructor and __proto__ included', async () => {
    const config = JSON.parse('{"constructor": {"a": 1}, "__proto__": {"b": 2}, "tools": [{"parameters": {"constructor": {"type": "string"}}}]}');
    const filters = JSON.parse('{"extra": {"constructor": {"c": 3}}}');
    const dto = await validateInput(Sample, { config, filters }, ['body']);
    expect(dto.config).toBe(config);
    expect(JSON.stringify(dto.config)).toBe(JSON.stringify(config));
    expect(dto.filters).toBeInstanceOf(Filters);
    expect(dto.filters?.extra).toBe(filters.extra);
  });

  it('still applies declared conversions and defaults', async () => {
    const dto = await validateInput(Sample, { limit: '7', tags: 'a,b' }, ['query'], { convertStrings: true });
    expect(dto).toMatchObject({ limit: 7, tags: ['a', 'b'] });
    expect((await validateInput(Sample, {}, ['body'])).limit).toBe(10);
  });

  it('reports undeclared keys, reserved names included, as extra fields without touching the prototype', async () => {
    const issues = await issuesOf(JSON.parse('{"__proto__": {"name": 1}, "constructor": {"a": 1}, "other": {"constructor": 1}, "name": "ok"}'));
    expect(issues).toEqual([
      { loc: ['body', '__proto__'], msg: 'extra fields not permitted', type: 'value_error.extra' },
      { loc: ['body', 'constructor'], msg: 'extra fields not permitted', type: 'value_error.extra' },
      { loc: ['body', 'other'], msg: 'extra fields not permitted', type: 'value_error.extra' },
    ]);
    expect(await issuesOf(JSON.parse('{"filters": {"constructor": 1}}'))).toEqual([
      { loc: ['body', 'filters', 'constructor'], msg: 'extra fields not permitted', type: 'value_error.extra' },
    ]);
  });

  it('rejects null for a field unless it is @Nullable, at every DTO level', async () => {
    const issues = await issuesOf({ name: null, limit: null, filters: { source: null } });
    expect(issues).toHaveLength(3);
    expect(issues).toEqual(
      expect.arrayContaining([
        { loc: ['body', 'name'], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' },
        { loc: ['body', 'limit'], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' },
        { loc: ['body', 'filters', 'source'], msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' },
      ]),
    );
    expect(await issuesOf({ expires_at: null, config: { inside: null } })).toEqual([]);
  });

  it('keeps an object sent where a scalar belongs away from class-transformer', async () => {
    const issues = await issuesOf(JSON.parse('{"name": {"constructor": {"a": 1}}, "limit": [{"__proto__": {}}], "filters": [1]}'));
    expect(issues.map((issue) => issue.loc)).toEqual([['body', 'name'], ['body', 'limit'], ['body', 'filters', 0]]);
  });

  it('reports ordinary failures in the contract shape', async () => {
    expect(await issuesOf({ name: 'x'.repeat(11) })).toEqual([
      expect.objectContaining({ loc: ['body', 'name'], type: 'value_error.any_str.max_length' }),
    ]);
  });
});
