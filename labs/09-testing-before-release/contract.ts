/**
 * In this lab you deliver a test suite, not client code. The grader runs your tests in `src/test/`
 * against the given client and against broken copies of it, always with its own copy of
 * `client.ts` (editing yours changes nothing). It loads `src/index.ts` only to confirm that the lab
 * folder is in place: keep that file as it is.
 */
import type { createAcmeClient } from './starter/client.ts';

export interface Lab09 {
  createAcmeClient: typeof createAcmeClient;
}
