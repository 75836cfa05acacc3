import type { UserEntity } from './entities/user.entity';

/** The public shape of a user: never a password or hash. */
export function toUserView(user: UserEntity) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    is_active: user.isActive,
    created_at: user.createdAt,
  };
}
