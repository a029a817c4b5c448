// npm run build:vendor: writes dist/vendor/main.mjs (see vendor-bundle.mjs).
import { relative } from 'node:path';
import { buildBundle } from './vendor-bundle.mjs';

const started = performance.now();
const outfile = await buildBundle();
console.log(`Built ${relative(process.cwd(), outfile)} in ${Math.round(performance.now() - started)} ms`);
