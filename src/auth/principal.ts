import type { Role } from '../users/entities/user.entity';

/** The signed-in caller, attached to the request by AuthGuard. */
export interface Principal {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitId: string;
  sessionId: string;
  via: 'bearer' | 'cookie';
  csrfToken: string;
  /** The password was set by someone else: only changing it (or signing out) is allowed. */
  mustChangePassword?: boolean;
}

export interface RequestWithPrincipal {
  principal?: Principal;
}
