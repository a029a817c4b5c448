import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'no-token-refresh',
  mistake: 'gives up when Acme says the token expired',
  hint: 'Answer the first API call with 401 and \'WWW-Authenticate: Bearer error="invalid_token"\', the next with 200; assert that the call succeeds, that a second token was fetched and that the replay carried it.',
  edits: [{ find: '      if (isTokenRejected(error) && !tokenRefreshed) {\n        token = undefined;\n        return send(config, true);\n      }\n', replace: '' }],
});
