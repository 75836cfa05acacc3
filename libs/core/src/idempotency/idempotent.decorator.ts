import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '../docs/api-errors.decorator';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor';

/** Marks a creating POST as accepting `Idempotency-Key` (and documents the header and its 409). */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Any unique string (e.g. a UUID) up to 255 characters. Retrying with the same key and body within 24 h returns the first ' +
        'response (header `Idempotent-Replayed: true`) instead of acting twice; the same key with a different body is a 422; ' +
        'while the first request is still running, a 409.',
      schema: { type: 'string', maxLength: 255 },
    }),
    ApiErrors(409),
  );
