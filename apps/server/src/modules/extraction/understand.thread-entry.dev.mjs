// Run from source (npm run workmate, tests): worker threads do not inherit the tsx loader on Node 20,
// so register it before loading the TypeScript entry. The built app uses understand-thread.js.
import { register } from 'tsx/esm/api';

register();
await import('./understand.thread-entry.ts');
