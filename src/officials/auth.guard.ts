import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_KINDS, markPublicRoute, PUBLIC_ROUTE } from '../common/auth.decorators';
import { DomainError, forbidden } from '../common/domain-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { PrincipalKind } from '../common/principal';
import { FailureLimiter } from './failure-limiter';
import { PrincipalsService } from './principals.service';

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{16,200}=*)$/;

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: FailureLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new FailureLimiter(config.authFailuresPerMinute);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      markPublicRoute(req);
      return true;
    }
    const client = String(req.ip ?? 'unknown');
    if (this.failures.blocked(client)) {
      throw new DomainError('too-many', 'AUTH_TOO_MANY_FAILURES', 'too many failed authentications; wait a minute');
    }
    const match = BEARER.exec(String(req.headers.authorization ?? ''));
    if (!match) throw new DomainError('unauthenticated', 'AUTH_TOKEN_MISSING', 'send Authorization: Bearer <token>');
    const principal = await this.principals.authenticate(match[1]);
    if (!principal) {
      this.failures.fail(client);
      throw new DomainError('unauthenticated', 'AUTH_TOKEN_INVALID', 'the token is unknown or revoked');
    }
    req.principal = principal;
    const kinds = this.reflector.getAllAndOverride<PrincipalKind[] | undefined>(ALLOWED_KINDS, targets);
    if (kinds && !kinds.includes(principal.kind)) {
      throw forbidden('PRINCIPAL_KIND_FORBIDDEN', `this route is for ${kinds.join(' or ')} principals`);
    }
    return true;
  }
}
