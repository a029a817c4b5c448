// npm start: runs the bundled vendor, rebuilding it first when mock-vendor/ changed since.
import { runWithCodeCache } from './code-cache.mjs';
import { buildBundle, bundleIsStale, VENDOR_BUNDLE } from './vendor-bundle.mjs';

if (bundleIsStale()) {
  console.log('  Building the vendor (mock-vendor/ changed since the last build)...');
  await buildBundle();
}
runWithCodeCache(VENDOR_BUNDLE);
