/**
 * The two parts of the notification preferences a person tunes: quiet hours (in their own zone)
 * and, per urgency, which channels may remind them and how often. Each saves on its own
 * (PATCH /users/me merges them into what is stored); a refusal is shown under the field it names.
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useSetMe, type Me } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { CheckboxField, SelectField, TextField } from '../../shared/ui/Field.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { notificationsMessages, type Channel, type Severity } from '../notifications/notifications.messages.ts';
import { channelsSetUp, type Integration } from './integrations.ts';
import { FREQUENCIES, OPTIONAL_CHANNELS, SEVERITIES, type Frequencies } from './preferences.ts';
import { problemsByField } from './problems.ts';
import { notificationSettingsMessages } from './notification-settings.messages.ts';
import { unwrap } from '../../shared/api/client.ts';

export function QuietHoursForm({ me }: { me: Me }) {
  const t = useMessages(notificationSettingsMessages);
  const api = useApi();
  const setMe = useSetMe();
  const toast = useToast();
  const headingId = useId();
  const [values, setValues] = useState(() => ({ ...me.effective_notification_preferences.quiet_hours }));
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/users/me', {
          body: { notification_preferences: { quiet_hours: { enabled: values.enabled, start: values.start, end: values.end, allow_critical_alerts: values.allow_critical_alerts } } },
        }),
      ),
    onSuccess: (profile) => {
      setMe(profile);
      setSaved(true);
      toast(t.quiet.saved);
    },
  });
  const problems = problemsByField(save.error);
  const startError = problems['quiet_hours.start'] ? t.quiet.timeProblem : undefined;
  const endError = problems['quiet_hours.end'] ? (/differ|verschieden/.test(problems['quiet_hours.end']) ? t.quiet.sameTimes : t.quiet.timeProblem) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };

  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.quiet.heading}</h2>
      <form onSubmit={submit} noValidate>
        <p className="muted">{t.quiet.intro(me.timezone)}</p>
        <CheckboxField label={t.quiet.enabled} checked={values.enabled} onChange={(event) => setValues((current) => ({ ...current, enabled: event.target.checked }))} />
        <div className="time-fields">
          <TextField label={t.quiet.start} type="time" value={values.start} onChange={(event) => setValues((current) => ({ ...current, start: event.target.value }))} error={startError} />
          <TextField label={t.quiet.end} type="time" value={values.end} onChange={(event) => setValues((current) => ({ ...current, end: event.target.value }))} error={endError} />
        </div>
        <CheckboxField
          label={t.quiet.allowCritical}
          hint={t.quiet.allowCriticalHint}
          checked={values.allow_critical_alerts}
          onChange={(event) => setValues((current) => ({ ...current, allow_critical_alerts: event.target.checked }))}
        />
        {startError || endError ? (
          <p className="field__error" role="alert">
            {t.checkFields}
          </p>
        ) : (
          <ErrorMessage error={save.error} />
        )}
        <div className="row">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t.quiet.save}
          </Button>
          <p className="settings__status" role="status">
            {saved && !save.isPending ? t.quiet.saved : ''}
          </p>
        </div>
      </form>
    </Card>
  );
}

export function EscalationForm({ me, integrations }: { me: Me; integrations: readonly Integration[] }) {
  const t = useMessages(notificationSettingsMessages);
  const headingId = useId();
  const [saved, setSaved] = useState(false);
  const stored = me.notification_preferences;
  // Setting up a messenger adds it to the stored lists (server side): the form starts again from
  // what is stored whenever that changes, so saving never drops what the server added.
  const version = JSON.stringify([stored.channels_by_severity ?? null, stored.reminder_frequency ?? null]);
  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.escalation.heading}</h2>
      <EscalationFields key={version} me={me} integrations={integrations} onSaved={() => setSaved(true)} onEdit={() => setSaved(false)} />
      <p className="settings__status" role="status">
        {saved ? t.escalation.saved : ''}
      </p>
    </Card>
  );
}

function EscalationFields({ me, integrations, onSaved, onEdit }: { me: Me; integrations: readonly Integration[]; onSaved: () => void; onEdit: () => void }) {
  const t = useMessages(notificationSettingsMessages);
  const names = useMessages(notificationsMessages);
  const api = useApi();
  const setMe = useSetMe();
  const toast = useToast();
  const [selected, setSelected] = useState(() => structuredClone(me.effective_notification_preferences.channels_by_severity));
  const [often, setOften] = useState<Frequencies>(() => ({ ...me.effective_notification_preferences.reminder_frequency }));
  // Offered: what is set up, plus what was chosen before (so an unticked box stays in place).
  const [chosenBefore] = useState(() => new Set(Object.values(me.effective_notification_preferences.channels_by_severity).flat()));
  const setUp = channelsSetUp(integrations);
  const offered = OPTIONAL_CHANNELS.filter((channel) => setUp.has(channel) || chosenBefore.has(channel));

  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/users/me', { body: { notification_preferences: { channels_by_severity: selected, reminder_frequency: often } } })),
    onSuccess: (profile) => {
      onSaved();
      toast(t.escalation.saved);
      setMe(profile);
    },
  });
  const problems = problemsByField(save.error);
  const problemOf = (severity: Severity) =>
    Object.keys(problems).some((field) => field.startsWith(`channels_by_severity.${severity}`) || field.startsWith(`reminder_frequency.${severity}`)) ? t.invalidField : undefined;
  const anyProblem = SEVERITIES.some((severity) => problemOf(severity));

  const toggle = (severity: Severity, channel: Channel, on: boolean) => {
    onEdit();
    setSelected((current) => {
      const list = current[severity];
      const next = on ? [...list, channel] : list.filter((item) => item !== channel);
      const order = (item: Channel) => OPTIONAL_CHANNELS.indexOf(item as (typeof OPTIONAL_CHANNELS)[number]);
      return { ...current, [severity]: [...new Set(next)].sort((a, b) => order(a) - order(b)) };
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onEdit();
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">{t.escalation.intro}</p>
      {SEVERITIES.map((severity) => {
        const problem = problemOf(severity);
        return (
          <fieldset key={severity} className="severity">
            <legend>{names.severity[severity]}</legend>
            <p className="severity__help">{t.escalation.help[severity]}</p>
            <div className="severity__channels">
              <CheckboxField label={t.escalation.inAppAlways} checked disabled readOnly />
              {offered.map((channel) => (
                <CheckboxField
                  key={channel}
                  label={setUp.has(channel) || channel === 'email' ? names.channel[channel] : `${names.channel[channel]} ${t.escalation.notSetUp}`}
                  checked={selected[severity].includes(channel)}
                  onChange={(event) => toggle(severity, channel, event.target.checked)}
                />
              ))}
            </div>
            <SelectField
              label={t.escalation.frequency}
              hint={t.escalation.frequencyHints[`${severity}.${often[severity]}`]}
              value={often[severity]}
              onChange={(event) => {
                onEdit();
                setOften((current) => ({ ...current, [severity]: event.target.value }));
              }}
              error={problem}
            >
              {FREQUENCIES[severity].map((option) => (
                <option key={option} value={option}>
                  {severity === 'critical' && option === 'hourly' ? t.escalation.criticalHourly : t.escalation.frequencies[option]}
                </option>
              ))}
            </SelectField>
          </fieldset>
        );
      })}
      {anyProblem ? (
        <p className="field__error" role="alert">
          {t.checkFields}
        </p>
      ) : (
        <ErrorMessage error={save.error} />
      )}
      <Button type="submit" variant="primary" busy={save.isPending}>
        {t.escalation.save}
      </Button>
    </form>
  );
}
