/**
 * The admin calls a classroom makes on a shared vendor, with the key that may make them: the
 * teacher's admin token or grading key (create tenants), a learner's tenant key (their own tenant).
 * Every failure is a ClassroomError that says what to do.
 */
export class ClassroomError extends Error {}

export interface CreatedTenant {
  id: string;
  clientId: string;
  clientSecret: string;
  tenantKey: string;
  scenario: string;
}

export function vendorUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ClassroomError(`"${given}" is not a URL. Give the class vendor's base URL, e.g. http://127.0.0.1:4010`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new ClassroomError(`"${given}" is not an http(s) URL. Give the class vendor's base URL, e.g. http://127.0.0.1:4010`);
  return url.href.replace(/\/+$/, '');
}

export async function adminCall<T>(url: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${url}/__admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new ClassroomError(`No vendor answers at ${url} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}). Check the address, and that the class vendor is running.`);
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = (() => {
      try {
        return (JSON.parse(text) as { detail?: string }).detail;
      } catch {
        return undefined;
      }
    })();
    if (response.status === 401) throw new ClassroomError(`The vendor at ${url} does not know that key (401${detail ? `: ${detail}` : ''}). Copy it again from what your teacher sent.`);
    throw new ClassroomError(`The vendor at ${url} answered ${response.status} to ${method} /__admin${path}${detail ? `: ${detail}` : ''}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Who a key belongs to: `GET /__admin/me`. */
export async function whoAmI(url: string, key: string): Promise<{ kind: 'admin' | 'tenant' | 'grader'; tenantId?: string }> {
  return adminCall(url, key, 'GET', '/me');
}
