/**
 * Adding or changing one channel: only the fields its type needs (channelTypes.ts). Secrets are
 * write-only: never shown, sent only when typed. A refusal keeps everything typed and names the
 * field it is about.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { ME_KEY } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../../shared/ui/Field.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { initialValues, missingFields, settingsOf, visibleFields, type ChannelTypeSpec } from './channelTypes.ts';
import { INTEGRATIONS_KEY, type Integration } from './integrations.ts';
import { problemsByField } from './problems.ts';
import { notificationSettingsMessages } from './notification-settings.messages.ts';
import { unwrap } from '../../shared/api/client.ts';

export function ChannelForm({
  spec,
  integration,
  focusOnOpen = false,
  onDone,
  onCancel,
}: {
  spec: ChannelTypeSpec;
  integration?: Integration;
  focusOnOpen?: boolean;
  onDone: (integration: Integration) => void;
  onCancel: () => void;
}) {
  const t = useMessages(notificationSettingsMessages);
  const texts = useMessages(common);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState(() => initialValues(spec, integration?.config));
  const [name, setName] = useState(integration?.name ?? '');
  const [missing, setMissing] = useState<string[]>([]);
  const typeName = t.channels.types[spec.type] ?? spec.type;
  const hasSecrets = integration?.has_credentials ?? false;

  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);

  const save = useMutation({
    mutationFn: async () => {
      const { config, credentials } = settingsOf(spec, values, integration?.config);
      if (integration) {
        return unwrap(
          api.PATCH('/api/v1/integrations/{id}', {
            params: { path: { id: integration.id } },
            body: { name: name.trim() || null, config, ...(credentials ? { credentials } : {}) },
          }),
        );
      }
      return unwrap(api.POST('/api/v1/integrations', { body: { type: spec.type, ...(name.trim() ? { name: name.trim() } : {}), config, ...(credentials ? { credentials } : {}) } }));
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: INTEGRATIONS_KEY });
      // Setting a channel up switches it on in the preferences (server side).
      void client.invalidateQueries({ queryKey: ME_KEY });
      toast(t.channels.saved);
      onDone(saved);
    },
  });

  const problems = problemsByField(save.error);
  const errorOf = (part: 'config' | 'credentials', key: string): string | undefined => {
    if (missing.includes(key)) return t.required;
    return problems[`${part}.${key}`] ? t.invalidField : undefined;
  };
  const fields = visibleFields(spec, values);
  const fieldErrors = fields.some((field) => errorOf(field.part, field.key)) || Boolean(problems.name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = missingFields(spec, values, hasSecrets);
    setMissing(empty);
    if (empty.length === 0) save.mutate();
  };

  return (
    <form className="channel-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {integration ? t.channels.editHeading(integration.name ?? typeName) : t.channels.formHeading(typeName)}
      </h3>
      {fields.map((field) => {
        const text = t.channels.fields[spec.type]?.[field.key] ?? { label: field.key };
        const optional = !field.required && !(field.requiredToAdd && !hasSecrets) && field.input !== 'select';
        const label = optional ? `${text.label} (${texts.optional})` : text.label;
        const secretKept = field.part === 'credentials' && hasSecrets;
        const hint = [text.hint, secretKept ? t.channels.secretKept : undefined].filter(Boolean).join(' ') || undefined;
        const value = values[field.key] ?? '';
        const change = (next: string) => setValues((current) => ({ ...current, [field.key]: next }));
        if (field.input === 'select') {
          return (
            <SelectField key={field.key} label={label} hint={hint} value={value} onChange={(event) => change(event.target.value)} error={errorOf(field.part, field.key)}>
              {value === '' ? <option value="">{t.channels.options.custom}</option> : null}
              {field.options?.map((option) => (
                <option key={option} value={option}>
                  {t.channels.options[option] ?? option}
                </option>
              ))}
            </SelectField>
          );
        }
        return (
          <TextField
            key={field.key}
            label={label}
            hint={hint}
            type={field.input}
            value={value}
            placeholder={field.placeholder}
            onChange={(event) => change(event.target.value)}
            required={!optional}
            autoComplete={field.part === 'credentials' ? 'off' : field.input === 'email' ? 'email' : field.input === 'tel' ? 'tel' : 'off'}
            spellCheck={false}
            error={errorOf(field.part, field.key)}
          />
        );
      })}
      <TextField label={`${t.channels.name} (${texts.optional})`} hint={t.channels.nameHint} value={name} onChange={(event) => setName(event.target.value)} maxLength={100} error={problems.name ? t.invalidField : undefined} />
      {fieldErrors || missing.length > 0 ? (
        <p className="field__error" role="alert">
          {t.checkFields}
        </p>
      ) : (
        <ErrorMessage error={save.error} known={{ 'integrations.unknown_type': t.channels.unknownType }} />
      )}
      <div className="row">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t.channels.save}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {texts.cancel}
        </Button>
      </div>
    </form>
  );
}
