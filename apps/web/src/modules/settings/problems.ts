/**
 * Which field a server refusal is about, whatever shape it came in: request validation
 * (`details: [{ field, problem }]`), notification preferences (`details.problems: [{ field, message }]`)
 * or channel settings (`details.problems: ["config.topic must match …"]`). Keys are the field paths
 * ("email", "quiet_hours.end", "config.topic"), values the server's words.
 */
import { ApiError } from '../../shared/api/errors.ts';

const PREFIX = /^(?:body\.)?(?:notification_preferences\.)?/;

export function problemsByField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  const add = (field: string, problem: string) => {
    const key = field.replace(PREFIX, '');
    if (key && !(key in found)) found[key] = problem;
  };
  for (const [field, problem] of Object.entries(error.fieldProblems())) add(field, problem);
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (Array.isArray(problems)) {
    for (const item of problems as unknown[]) {
      if (typeof item === 'string') {
        const settings = /^(config|credentials)((?:\.[A-Za-z0-9_]+)*)\s+(.*)$/.exec(item);
        if (!settings) continue;
        const [, part, path, problem = ''] = settings;
        if (path) {
          add(`${part}.${path.slice(1).split('.')[0]}`, problem);
          continue;
        }
        // "config must have required properties domain, service"
        const missing = /required propert(?:y|ies) (.+)$/.exec(problem)?.[1];
        for (const field of missing?.split(',') ?? []) {
          const name = field.trim().replace(/^'|'$/g, '');
          if (/^[A-Za-z0-9_]+$/.test(name)) add(`${part}.${name}`, problem);
        }
      } else if (item && typeof item === 'object') {
        const { field, message } = item as { field?: unknown; message?: unknown };
        if (typeof field === 'string' && typeof message === 'string') add(field, message);
      }
    }
  }
  return found;
}
