/** What the web project's global setup (api-server.ts) provides to tests. */
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
  }
}
