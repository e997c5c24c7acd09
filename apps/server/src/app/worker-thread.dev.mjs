// `workmate serve` run from source (npm run workmate): worker threads do not inherit the tsx loader
// on Node 20, so register it before loading the TypeScript entry. The built app uses worker-thread.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker-thread.ts');
