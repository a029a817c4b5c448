export { createLeanSync } from './lean-sync.ts';
