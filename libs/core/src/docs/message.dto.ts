import { ApiProperty } from '@nestjs/swagger';

/** `{message}`: answers that only confirm, such as logout. */
export class MessageDto {
  @ApiProperty({ example: 'Logged out successfully' })
  message: string;
}

/** `{message, id}`: the answer of a DELETE that removed one resource. */
export class DeletedDto extends MessageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
}
