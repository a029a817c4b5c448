import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { compose } from './compose.ts';
import { ProblemError } from './problem.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a resource module registers its routes on: Express's verbs, with paths relative to the API version. */
export type Routes = Record<Method, (path: string, ...handlers: RequestHandler[]) => void>;

export interface RouteInfo {
  method: string;
  /** Express syntax: `/v1/contacts/:id`. */
  path: string;
}

interface Route extends RouteInfo {
  pattern: RegExp;
  params: string[];
  run: RequestHandler;
}

/**
 * The REST API's routes, found in one lookup: a map for fixed paths (`GET /v1/contacts`), a short
 * list of patterns for paths with parameters. It is the one piece of Express's router the vendor
 * does without, because it sits on every API request: walking Express's router (its layers, URL
 * rewrites, closures) cost about 7% of each request in bench:vendor (docs/decisions/009).
 *
 * It keeps Express's conventions: `:name` parameters, decoded, in `req.params`; an optional
 * trailing slash; HEAD served by GET; OPTIONS answered with `Allow`; a path or method it does not
 * serve passes to `next`. Unlike Express's default, paths are case-sensitive.
 */
export class RouteTable {
  readonly #fixed = new Map<string, Route>();
  readonly #patterned: Route[] = [];
  readonly #all: Route[] = [];

  /** Registration under a prefix: `table.under('/v1').get('/contacts', …)` serves `GET /v1/contacts`. */
  under(prefix: string): Routes {
    const verb =
      (method: Method) =>
      (path: string, ...handlers: RequestHandler[]) =>
        this.add(method.toUpperCase(), prefix + path, handlers);
    return { get: verb('get'), post: verb('post'), put: verb('put'), patch: verb('patch'), delete: verb('delete') };
  }

  add(method: string, path: string, handlers: RequestHandler[]): void {
    const params: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => (params.push(name), '([^/]+)'));
    const route: Route = { method, path, pattern: new RegExp(`^${source}/?$`), params, run: compose(...handlers) };
    this.#all.push(route);
    if (params.length === 0) this.#fixed.set(`${method} ${path}`, route);
    else this.#patterned.push(route);
  }

  /** Every route, in registration order (the OpenAPI coverage test reads them). */
  routes(): RouteInfo[] {
    return this.#all.map(({ method, path }) => ({ method, path }));
  }

  readonly handle: RequestHandler & { table: RouteTable } = Object.assign(
    (req: Request, res: Response, next: NextFunction) => {
      const asked = req.path;
      const path = asked.length > 1 && asked.endsWith('/') ? asked.slice(0, -1) : asked;
      if (req.method === 'OPTIONS') return this.#answerOptions(path, res, next);
      // Resource modules register no HEAD routes (`Routes` has no such verb): HEAD is always GET's.
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const fixed = this.#fixed.get(`${method} ${path}`);
      if (fixed) {
        req.params = {};
        return fixed.run(req, res, next);
      }
      for (const route of this.#patterned) {
        if (route.method !== method) continue;
        const match = route.pattern.exec(path);
        if (!match) continue;
        req.params = Object.fromEntries(route.params.map((name, i) => [name, decodeSegment(match[i + 1]!)]));
        return route.run(req, res, next);
      }
      next();
    },
    { table: this },
  );

  /** As Express does: `200`, `Allow` listing the path's methods (HEAD wherever GET is), the list as text. */
  #answerOptions(path: string, res: Response, next: NextFunction): void {
    const methods = new Set(this.#all.filter((r) => r.pattern.test(path)).flatMap((r) => (r.method === 'GET' ? ['GET', 'HEAD'] : [r.method])));
    if (methods.size === 0) return next();
    const allow = [...methods].sort().join(', ');
    res.status(200).setHeader('Allow', allow).type('text/plain').end(allow);
  }
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ProblemError({ code: 'bad_request', detail: `The path segment "${raw}" is not valid percent-encoding. Encode ids with encodeURIComponent.` });
  }
}
