import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import type { Principal, RequestWithPrincipal } from '../auth/principal';
import { clientAddress } from '../common/http/request-kind';
import type { AuditActor } from './audit.service';

/** The signed-in caller and the address of the request: who did it, as audit rows record it. */
export interface Actor extends AuditActor {
  id: string;
  username: string;
  ip: string;
  /** The caller's own session, kept when their other sessions are ended. */
  sessionId: string;
}

export const actorOf = (me: Principal, ip: string): Actor => ({
  id: me.id,
  username: me.username,
  ip,
  sessionId: me.sessionId,
});

/** Use on authenticated routes only (the guard has attached the principal). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<Request & RequestWithPrincipal>();
  return actorOf(req.principal as Principal, clientAddress(req));
});
