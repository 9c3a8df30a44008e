import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE } from './metrics.service';

/** What the HTTP platforms put on their request once a route matched: Express's `route`, Fastify's `routeOptions`. */
interface RoutedRequest {
  route?: { path?: string };
  routeOptions?: { url?: string };
  raw?: object;
}

/**
 * Puts the matched route pattern (`/api/v1/dossiers/:id/actions`) on the raw request for the HTTP
 * histogram. A guard, and the first global one, because guards run for every routed request, those
 * the auth guard then refuses included, and know the route; it never refuses anything.
 */
@Injectable()
export class RouteLabelGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<RoutedRequest>();
    const pattern = req.route?.path ?? req.routeOptions?.url;
    if (pattern) ((req.raw ?? req) as { [ROUTE]?: string })[ROUTE] = pattern;
    return true;
  }
}
