import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `@Param('id', UuidParamPipe)`: a malformed id is the client's error (422 at `["path", name]`), never a 500. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) {
      throw ValidationFailed([
        { loc: ['path', metadata.data ?? 'id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' },
      ]);
    }
    return value.toLowerCase();
  }
}
