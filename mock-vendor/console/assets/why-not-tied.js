// Why Acme could not tie a request to a tenant, worked out from its journal entry: which
// credential was missing or wrong, and what to do about it. These land in the vendor's anonymous
// journal, and they are the most common first-hour mistakes.

const schemeOf = (authorization) => authorization.split(' ')[0];
const bodyField = (entry, name) => (entry.requestBody && typeof entry.requestBody === 'object' ? entry.requestBody[name] : undefined);

/** `{ credential, what, next }`: a short name for the problem, what happened, and what to do. */
export function whyNotTied(entry) {
  const authorization = entry.authorization || '';
  const isTokenEndpoint = entry.path.startsWith('/oauth/');
  if (isTokenEndpoint) return tokenEndpoint(entry, authorization);
  if (authorization === '') {
    if (entry.status !== null && entry.status < 400) {
      return {
        credential: 'none needed',
        what: 'This address needs no credentials, so Acme cannot tell whose request it was.',
        next: 'Nothing to fix: public pages (the docs, /openapi.json, the OAuth metadata) show up here because no tenant owns them.',
      };
    }
    return {
      credential: 'no Authorization header',
      what: 'The request had no Authorization header, so Acme could not tell which tenant is calling.',
      next: 'Get an access token from POST /oauth/token and send it on every API call: "Authorization: Bearer <access_token>".',
    };
  }
  const scheme = schemeOf(authorization);
  if (scheme.toLowerCase() !== 'bearer') {
    return {
      credential: `"${scheme}" instead of a Bearer token`,
      what: `The Authorization header uses "${scheme}", but the API only reads "Bearer <access token>".`,
      next: 'Your client id and secret are for POST /oauth/token only. Send the access_token it returns as "Authorization: Bearer <access_token>".',
    };
  }
  const answer = /error_description="([^"]*)"/.exec(entry.responseHeaders?.['www-authenticate'] || '')?.[1];
  return {
    credential: 'a bearer token Acme does not recognise',
    what: `Acme could not match the bearer token to any tenant: it is malformed, cut short, signed by someone else, or from before the vendor restarted.${answer ? ` Acme's answer: "${answer}"` : ''} (The journal keeps only the token's fingerprint, in the headers below.)`,
    next: 'Send the access_token field of a fresh POST /oauth/token answer exactly as received: no quotes, no second "Bearer ". A token that merely expired would show up in your tenant\'s rows instead.',
  };
}

function tokenEndpoint(entry, authorization) {
  const scheme = authorization ? schemeOf(authorization).toLowerCase() : '';
  if (scheme === 'bearer') {
    return {
      credential: 'a bearer token instead of client credentials',
      what: 'The token endpoints identify your client by its id and secret, not by an access token.',
      next: 'Send VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET from .env as HTTP Basic, or as client_id and client_secret form fields.',
    };
  }
  if (scheme === 'basic' && typeof bodyField(entry, 'client_secret') === 'string') {
    return {
      credential: 'client credentials sent twice',
      what: 'The client id and secret came two ways at once (an Authorization: Basic header and client_secret in the body), so Acme would not pick one.',
      next: 'Send them one way only: HTTP Basic, or client_id and client_secret form fields.',
    };
  }
  if (entry.clientAuthMethod) {
    const clientId = bodyField(entry, 'client_id');
    return {
      credential: 'an unknown client id',
      what: `The client id${typeof clientId === 'string' ? ` "${clientId}"` : ''} is not one Acme knows, so it could not tell which tenant is asking. (The right id with a wrong secret would show up in your tenant's rows.)`,
      next: 'Copy VENDOR_CLIENT_ID from .env (npm start prints it too). If the vendor was restarted with a fresh .env, your code may still hold the old id: restart it too.',
    };
  }
  if (scheme === 'basic') {
    return {
      credential: 'an unreadable Basic header',
      what: 'The Authorization: Basic header could not be read as a client id and secret, so Acme could not tell which client is asking.',
      next: 'Basic credentials are base64 of "client_id:client_secret". Let your HTTP library build the header (axios: auth: { username, password }) with the values from .env.',
    };
  }
  return {
    credential: 'no client credentials',
    what: 'This request carried no client credentials (neither an Authorization: Basic header nor client_id in the body), so Acme could not tell which client is asking.',
    next: 'Send VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET from .env, as HTTP Basic or as client_id and client_secret form fields (application/x-www-form-urlencoded).',
  };
}
