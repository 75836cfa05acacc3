import type { UserViewDto } from './dto/auth-responses.dto';
import type { UserEntity } from './entities/user.entity';

/** The public shape of a user: never a password or hash. */
export type UserView = UserViewDto;

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    is_active: user.isActive,
    created_at: user.createdAt,
  };
}
