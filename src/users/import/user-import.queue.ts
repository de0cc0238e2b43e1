import type { AuditActor } from '../../audit/audit.service';
import type { Role } from '../entities/user.entity';
import type { Sealed } from './sealed-rows';

export const USER_IMPORT_QUEUE = 'user-import';

/** Files up to this many rows are imported within the request (201 `{created}`); larger ones are queued (202). */
export const SYNC_IMPORT_MAX_ROWS = 10;

/** A checked row, ready to hash and insert. */
export interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitId: string;
  password: string;
}

export interface UserImportJob {
  importId: string;
  actor: AuditActor;
  /** NewUser[], sealed (see sealed-rows.ts). */
  rows: Sealed;
}
