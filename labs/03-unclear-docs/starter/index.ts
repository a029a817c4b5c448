/**
 * Lab 03: when the docs and the API disagree. Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep these three exports; how you
 * organise the rest (more files in this folder are fine) is up to you. axios, zod and pino are
 * installed.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';
import type { AcmeClient, AcmeContact, AcmeLead, ClientDeps, Findings, NewLead, ProbeDeps } from '../contract.ts';

export function createAcmeClient({ env = process.env, logger }: ClientDeps = {}): AcmeClient {
  // TODO: read VENDOR_BASE_URL, VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET from `env`; get a token
  // (client credentials, scope "contacts:read leads:write") and reuse it. Build the client from
  // what Acme actually does (your findings), not from what /docs says.
  void env;
  void logger;

  return {
    async listAllContacts(): Promise<AcmeContact[]> {
      // TODO: GET /v1/contacts page by page until there is no next page. Are you sure you got
      // every contact once? What does your loop do if the vendor keeps sending the same page?
      throw new Error('listAllContacts is not written yet (lab 03, task 3).');
    },

    async createLead(lead: NewLead): Promise<AcmeLead> {
      void lead;
      // TODO: POST /v1/leads with an Idempotency-Key. When Acme says the token has expired
      // (how does it say that?), get a new token and retry once.
      throw new Error('createLead is not written yet (lab 03, task 3).');
    },
  };
}

/**
 * Your probes, as code: each experiment you ran by hand with acme.http, rerunnable. Return a
 * finding only for what Acme did in *this* run, citing the ids of the requests that show it.
 */
export async function findGaps({ env = process.env, logger, wait = (ms) => sleep(ms) }: ProbeDeps = {}): Promise<Findings> {
  const http = axios.create({ baseURL: env['VENDOR_BASE_URL'], timeout: 5_000, validateStatus: () => true });
  // Every answer carries the id Acme journaled it under: response.headers['x-request-id'].
  // TODO (task 2): one experiment per gap, each comparing two requests that differ in one thing.
  void http;
  void logger;
  void wait;
  return { findings: [] };
}

/** Your findings as delivered: probe.ts writes findings.json next to this file. */
export function loadFindings(): Findings {
  return JSON.parse(readFileSync(new URL('./findings.json', import.meta.url), 'utf8')) as Findings;
}
