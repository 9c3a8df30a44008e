import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_KINDS, markPublicRoute, PUBLIC_ROUTE } from '../common/auth.decorators';
import { DomainError, forbidden } from '../common/domain-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { Principal, PrincipalKind } from '../common/principal';
import { FailureLimiter } from './failure-limiter';
import { PrincipalsService, type Refusal } from './principals.service';

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{16,200}=*)$/;

/** Told only to whoever holds a token that once worked; an unknown token learns nothing. */
const REFUSALS: Record<Refusal, () => DomainError> = {
  revoked: () => new DomainError('unauthenticated', 'AUTH_TOKEN_REVOKED', 'the token was revoked; ask an administrator for a new one'),
  expired: () => new DomainError('unauthenticated', 'AUTH_TOKEN_EXPIRED', 'the token has expired; ask an administrator for a new one'),
  'official-inactive': () => new DomainError('unauthenticated', 'AUTH_OFFICIAL_INACTIVE', 'the official holding this token is deactivated'),
};

/** What a route's decorators say about its callers, read once per route. */
interface RouteAccess {
  isPublic: boolean;
  kinds: PrincipalKind[] | undefined;
}

interface AuthenticatedRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: FailureLimiter;
  // By controller class, then handler: metadata is fixed once the routes are declared, and a
  // handler inherited by two controllers may be public in one and not the other.
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failures = new FailureLimiter(config.authFailuresPerMinute);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const { isPublic, kinds } = this.accessOf(ctx);
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (isPublic) {
      markPublicRoute(req);
      return true;
    }
    // Already set when the request was authenticated before its body was read (large bodies).
    const principal = (req.principal ??= await this.authenticate(req));
    if (kinds && !kinds.includes(principal.kind)) {
      throw forbidden('PRINCIPAL_KIND_FORBIDDEN', `this route is for ${kinds.join(' or ')} principals`);
    }
    return true;
  }

  private accessOf(ctx: ExecutionContext): RouteAccess {
    const [handler, controller] = [ctx.getHandler(), ctx.getClass()];
    let byHandler = this.routes.get(controller);
    if (!byHandler) this.routes.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)),
        kinds: this.reflector.getAllAndOverride<PrincipalKind[] | undefined>(ALLOWED_KINDS, targets),
      };
      byHandler.set(handler, access);
    }
    return access;
  }

  /**
   * The caller's principal, from its bearer token. The token is verified first: a valid token is
   * never refused for failures others sent from the same address; only failures are counted, and
   * past the limit they are answered 429 instead of 401. A revoked or expired token, or one of a
   * deactivated official, is a failure too, answered with its reason.
   */
  async authenticate(req: AuthenticatedRequest): Promise<Principal> {
    const match = BEARER.exec(String(req.headers.authorization ?? ''));
    if (!match) throw new DomainError('unauthenticated', 'AUTH_TOKEN_MISSING', 'send Authorization: Bearer <token>');
    const found = await this.principals.authenticate(match[1]);
    if (found && 'principal' in found) return found.principal;
    if (this.failures.fail(String(req.ip ?? 'unknown'))) {
      throw new DomainError('too-many', 'AUTH_TOO_MANY_FAILURES', 'too many failed authentications; wait a minute');
    }
    if (found) throw REFUSALS[found.refused]();
    throw new DomainError('unauthenticated', 'AUTH_TOKEN_INVALID', 'the token is not valid');
  }
}
