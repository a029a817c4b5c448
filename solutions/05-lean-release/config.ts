import { KILL_SWITCH } from '../../labs/05-lean-release/contract.ts';

export function killSwitchOn(env: Record<string, string | undefined>): boolean {
  return env[KILL_SWITCH]?.trim().toLowerCase() === 'on';
}
