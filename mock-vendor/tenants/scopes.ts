/** Every scope the vendor knows. A tenant may be limited to fewer. */
export const ALL_SCOPES = [
  'contacts:read',
  'contacts:write',
  'leads:read',
  'leads:write',
  'deals:read',
  'deals:write',
  'imports:write',
  'webhooks:manage',
] as const;

export type Scope = (typeof ALL_SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}
