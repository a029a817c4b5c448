import type { RequestHandler } from 'express';
import { ProblemError } from '../http/problem.ts';
import type { Scope } from '../tenants/scopes.ts';

const REALM = 'realm="acme-crm"';
const REASONS = {
  malformed: 'The access token is malformed.',
  bad_signature: 'The access token was not issued by Acme CRM.',
  unknown: 'The access token is not known to Acme CRM.',
  expired: 'The access token expired.',
  revoked: 'The access token was revoked.',
} as const;

/** RFC 6750: a missing, bad or under-scoped bearer token is refused with the matching `WWW-Authenticate`. */
export function requireToken(scope: Scope): RequestHandler {
  return function requireTokenMiddleware(_req, res, next) {
    const check = res.locals.exchange.tokenCheck;
    if (check === undefined) {
      throw new ProblemError({
        code: 'unauthorized',
        detail: 'This endpoint needs an access token: send "Authorization: Bearer <token>" (get one from POST /oauth/token).',
        headers: { 'WWW-Authenticate': `Bearer ${REALM}` },
      });
    }
    if (!check.ok) {
      if (check.reason === 'expired' && res.locals.exchange.tenant?.scenario.settings.expiredTokenSignal === '403-session-expired') {
        // Some vendors answer an expired token with their own 403 and no WWW-Authenticate.
        throw new ProblemError({ code: 'session_expired', detail: 'Session expired.' });
      }
      const description = REASONS[check.reason];
      throw new ProblemError({
        code: check.reason === 'expired' ? 'token_expired' : 'invalid_token',
        detail: `${description} Get a new one from POST /oauth/token.`,
        headers: { 'WWW-Authenticate': `Bearer ${REALM}, error="invalid_token", error_description="${description}"` },
      });
    }
    if (!check.record.scope.includes(scope)) {
      throw new ProblemError({
        code: 'insufficient_scope',
        detail: `This call needs the "${scope}" scope; the token has "${check.record.scope.join(' ')}". Request it when getting the token.`,
        headers: { 'WWW-Authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${scope}"` },
      });
    }
    next();
  };
}
