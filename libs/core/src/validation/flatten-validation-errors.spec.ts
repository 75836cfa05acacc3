import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, ValidateNested, validate } from 'class-validator';
import { flattenValidationErrors } from './flatten-validation-errors';

class Inner {
  @IsInt()
  @Max(10)
  count: number;
}

class Sample {
  @IsString()
  @Matches(/^\d+\.\d+\.\d+$/)
  version: string;

  @IsString()
  @Length(3, 64)
  slug: string;

  @IsOptional()
  @IsIn(['a', 'b'])
  status?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Inner)
  inner?: Inner;
}

async function issuesFor(body: object) {
  const instance = plainToInstance(Sample, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: true, value: true } });
  return flattenValidationErrors(errors, ['body']);
}

describe('flattenValidationErrors', () => {
  it('renders a pattern failure exactly like the contract', async () => {
    expect(await issuesFor({ version: '1.0', slug: 'abc' })).toEqual([
      {
        loc: ['body', 'version'],
        msg: "string does not match regex '^\\d+\\.\\d+\\.\\d+$'",
        type: 'value_error.str.regex',
        ctx: { pattern: '^\\d+\\.\\d+\\.\\d+$' },
      },
    ]);
  });

  it('reports a missing field once, as field required', async () => {
    expect(await issuesFor({ version: '1.0.0' })).toEqual([{ loc: ['body', 'slug'], msg: 'field required', type: 'value_error.missing' }]);
  });

  it('reports unknown fields, enum members and nested paths', async () => {
    const issues = await issuesFor({ version: '1.0.0', slug: 'abc', extra: 1, status: 'c', inner: { count: 11 } });
    expect(issues).toEqual(
      expect.arrayContaining([
        { loc: ['body', 'extra'], msg: 'extra fields not permitted', type: 'value_error.extra' },
        expect.objectContaining({ loc: ['body', 'status'], type: 'type_error.enum', ctx: { enum_values: ['a', 'b'] } }),
        expect.objectContaining({ loc: ['body', 'inner', 'count'], type: 'value_error.number.not_le', ctx: { limit_value: 10 } }),
      ]),
    );
  });

  it('carries length limits in ctx', async () => {
    const [issue] = await issuesFor({ version: '1.0.0', slug: 'ab' });
    expect(issue).toMatchObject({ loc: ['body', 'slug'], type: 'value_error.any_str.length', ctx: { min_length: 3, max_length: 64 } });
  });
});
