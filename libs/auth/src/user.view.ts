import type { UserEntity } from './entities/user.entity';

export interface UserView {
  id: string;
  username: string;
  email: string;
  role: UserEntity['role'];
  is_active: boolean;
  created_at: Date;
}

/** The public shape of a user: never a password or hash. */
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
