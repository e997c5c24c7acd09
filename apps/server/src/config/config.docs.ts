/** Renders docs/configuration.md from the settings list. Run with `npm run docs:config`. */
import { fileURLToPath } from 'node:url';
import { settings, type Setting } from './config.schema.ts';
import { CONFIG_FILE_ENV } from './config.ts';

export function renderConfigurationDoc(): string {
  const rows = (Object.entries(settings) as [string, Setting][]).map(([key, setting]) => {
    const shown = setting.default === undefined ? '(unset)' : `\`${String(setting.default)}\``;
    return `| \`${setting.env}\` | \`${key}\` | ${describeType(setting)} | ${shown} | ${setting.description} |`;
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated from apps/server/src/config/config.schema.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    'Workmate reads its settings once at start-up, in this order (later wins): the defaults below, a JSON',
    `file named by \`${CONFIG_FILE_ENV}\` (keys from the "file key" column), environment variables.`,
    'A wrong value stops the start with a message naming the variable and the problem.',
    '',
    '| variable | file key | type | default | meaning |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function describeType(setting: Setting): string {
  const schema = setting.schema as { type?: string; enum?: unknown[]; minimum?: number; maximum?: number };
  if (schema.enum) return schema.enum.join(' \\| ');
  if (schema.type === 'boolean') return 'true \\| false';
  if (schema.type === 'integer') return `integer ${schema.minimum ?? ''}..${schema.maximum ?? ''}`;
  return schema.type ?? 'value';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(renderConfigurationDoc());
}
