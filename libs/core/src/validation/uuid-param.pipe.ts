import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-errors';
import { isUuid } from './is-uuid';

/** `@Param('id', UuidParamPipe)`: a malformed id is the client's error (422 at `["path", name]`), never a 500. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) {
      throw ValidationFailed([
        { loc: ['path', metadata.data ?? 'id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' },
      ]);
    }
    return value.toLowerCase();
  }
}
