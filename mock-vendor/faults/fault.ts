import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Prng } from '../prng.ts';
import type { ProblemError } from '../http/problem.ts';

/**
 * A fault decides only *what happens* to a request it was given. *Whether* it is given one is the
 * rule engine's job (matchers, counters, windows, the seeded PRNG), so no fault rolls its own dice
 * for firing. `prng` is there for faults whose effect varies (jitter), and it is seeded too.
 */
export interface FaultServices {
  clock: Clock;
  prng: Prng;
  /** `jti` of the bearer token the request presented, if it presented a valid one. */
  tokenId: string | undefined;
  expireToken(tokenId: string): void;
  revokeToken(tokenId: string): void;
  /** Empty the tenant's rate-limit bucket, as a burst of other traffic would. */
  exhaustRateLimit(): void;
  /** Answer now with problem+json (the request id and vendor headers are already on `res`). */
  sendProblem(problem: ProblemError): void;
}

export interface RequestFaultContext<O> extends FaultServices {
  req: Request;
  res: Response;
  options: O;
}

/** Changes what the resource handler sends, once it has decided what to send. */
export interface BodyRewrite {
  /** Change the parsed body (rename fields, change types). */
  transform?(body: unknown): unknown;
  /** Take over writing the serialised body (cut it short, drip it, garble it). */
  write?(res: Response, status: number, json: string): void;
}

export type RequestFaultEffect =
  /** The fault answered, or tore down the connection: nothing else runs. */
  | { kind: 'handled' }
  /** Carry on to authentication and the handler (after a delay, or after expiring the token). */
  | { kind: 'continue' }
  /** Carry on, then rewrite the response body. */
  | { kind: 'rewrite-body'; rewrite: BodyRewrite };

export interface WebhookDeliveryPlan {
  /** Extra identical deliveries of the same event (a duplicate fault sends 1). */
  extraCopies: number;
  /** Hold the delivery back this long in ms of the tenant's clock, so later events overtake it. */
  holdMs: number;
}

export interface WebhookFaultContext<O> {
  clock: Clock;
  prng: Prng;
  eventType: string;
  options: O;
}

interface FaultBase<O> {
  name: string;
  /** One sentence for the admin API and docs: what a client observes. */
  description: string;
  /** Validates rule options; this schema *is* the admin API's contract for the fault. */
  options: z.ZodType<O, any>;
}

export interface RequestFault<O = any> extends FaultBase<O> {
  channel: 'request';
  apply(context: RequestFaultContext<O>): RequestFaultEffect | Promise<RequestFaultEffect>;
}

export interface WebhookFault<O = any> extends FaultBase<O> {
  channel: 'webhook';
  plan(context: WebhookFaultContext<O>): Partial<WebhookDeliveryPlan>;
}

export type Fault = RequestFault | WebhookFault;

export function defineRequestFault<O>(fault: Omit<RequestFault<O>, 'channel'>): RequestFault<O> {
  return { ...fault, channel: 'request' };
}

export function defineWebhookFault<O>(fault: Omit<WebhookFault<O>, 'channel'>): WebhookFault<O> {
  return { ...fault, channel: 'webhook' };
}
