/**
 * Settings: the profile (name, e-mail, time zone, date format, first day of the week), language
 * and colour scheme (both apply at once), the way to the notification and security settings, and
 * the account: download everything, or delete it.
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/client.ts';
import { formatDate, localDateOf, type DateFormat } from '../../shared/i18n/format.ts';
import { LANGUAGES, useLanguage, useMessages, type Language } from '../../shared/i18n/i18n.tsx';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMe, useSetMe, type Me } from '../../shared/session/session.tsx';
import { now } from '../../shared/clock.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../../shared/ui/Field.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card, Page } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { problemsByField } from './problems.ts';
import { settingsMessages } from './settings.messages.ts';
import './settings.css';
import { unwrap } from '../../shared/api/client.ts';

const DATE_FORMATS: readonly DateFormat[] = ['DD.MM.YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY'];
const THEMES = ['system', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
/** Monday, Sunday, Saturday: the weeks people actually start. */
const FIRST_DAYS = [1, 0, 6] as const;

export function SettingsScreen() {
  const t = useMessages(settingsMessages);
  const { me, error } = useMe();
  return (
    <Page title={t.title} narrow>
      <div className="settings">
        {me ? (
          <>
            <p className="muted">{t.signedInAs(me.username)}</p>
            <ProfileForm me={me} />
            <DisplaySection me={me} />
            <MoreSettings />
            <AccountSection />
          </>
        ) : error ? (
          <ErrorMessage error={error} />
        ) : (
          <Loading />
        )}
      </div>
    </Page>
  );
}

function deviceTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

function timeZones(...wanted: (string | undefined)[]): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([...zones, 'UTC']);
  for (const zone of wanted) if (zone) all.add(zone);
  return [...all].sort((a, b) => a.localeCompare(b));
}

function ProfileForm({ me }: { me: Me }) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const setMe = useSetMe();
  const toast = useToast();
  const { language } = useLanguage();
  const headingId = useId();
  const [fullName, setFullName] = useState(me.full_name ?? '');
  const [email, setEmail] = useState(me.email);
  const [timezone, setTimezone] = useState(me.timezone);
  const [dateFormat, setDateFormat] = useState<DateFormat>(me.ui_preferences.date_format ?? (language === 'de' ? 'DD.MM.YYYY' : 'YYYY-MM-DD'));
  const [firstDay, setFirstDay] = useState(String(me.ui_preferences.first_day_of_week ?? 1));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const device = deviceTimeZone();
  // About 400 zones: built once, so typing in the other fields does not re-render them.
  const zoneOptions = useMemo(
    () =>
      timeZones(me.timezone, device).map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      )),
    [me.timezone, device],
  );
  const today = localDateOf(now(), timezone);
  const firstDays = FIRST_DAYS.includes(Number(firstDay) as (typeof FIRST_DAYS)[number]) ? FIRST_DAYS : [...FIRST_DAYS, Number(firstDay)];

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/users/me', {
          body: {
            full_name: fullName.trim() || null,
            email: email.trim(),
            timezone,
            ui_preferences: { date_format: dateFormat, first_day_of_week: Number(firstDay) },
          },
        }),
      ),
    onSuccess: (profile) => {
      setMe(profile);
      setSaved(true);
      toast(t.profile.saved);
    },
  });

  const problems = problemsByField(save.error);
  const code = save.error instanceof ApiError ? save.error.code : undefined;
  const fieldError = {
    full_name: problems.full_name ? t.profile.fullNameProblem : undefined,
    email: missing.email ?? (code === 'users.already_exists' ? t.profile.emailTaken : problems.email ? t.profile.emailProblem : undefined),
    timezone: (problems.timezone || (code === 'users.invalid' && save.error instanceof ApiError && save.error.message.startsWith('timezone'))) ? t.profile.timezoneProblem : undefined,
  };
  const anyFieldError = Object.values(fieldError).some(Boolean);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!email.trim()) {
      setMissing({ email: t.required });
      return;
    }
    setMissing({});
    save.mutate();
  };

  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.profile.heading}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t.profile.fullName} hint={t.profile.fullNameHint} value={fullName} onChange={(event) => setFullName(event.target.value)} autoComplete="name" maxLength={100} error={fieldError.full_name} />
        <TextField label={t.profile.email} type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="email" required error={fieldError.email} />
        <SelectField label={t.profile.timezone} hint={t.profile.timezoneHint} value={timezone} onChange={(event) => setTimezone(event.target.value)} error={fieldError.timezone}>
          {zoneOptions}
        </SelectField>
        {device && device !== timezone ? (
          <div className="settings__suggestion">
            <p>{t.profile.deviceZone(device)}</p>
            <Button onClick={() => setTimezone(device)}>{t.profile.adoptZone(device)}</Button>
          </div>
        ) : null}
        <SelectField label={t.profile.dateFormat} value={dateFormat} onChange={(event) => setDateFormat(event.target.value as DateFormat)}>
          {DATE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {t.profile.dateFormatOption(formatDate(today, format), t.profile.patterns[format])}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.profile.firstDay} value={firstDay} onChange={(event) => setFirstDay(event.target.value)}>
          {firstDays.map((day) => (
            <option key={day} value={String(day)}>
              {t.profile.weekdays[day]}
            </option>
          ))}
        </SelectField>
        {anyFieldError ? (
          <p className="field__error" role="alert">
            {t.checkFields}
          </p>
        ) : (
          <ErrorMessage error={save.error} />
        )}
        <div className="row">
          <Button type="submit" variant="primary" busy={save.isPending}>
            {t.profile.save}
          </Button>
          <p className="settings__status" role="status">
            {saved && !save.isPending ? t.profile.saved : ''}
          </p>
        </div>
      </form>
    </Card>
  );
}

function DisplaySection({ me }: { me: Me }) {
  const t = useMessages(settingsMessages);
  const names = useMessages(common).languageNames;
  const api = useApi();
  const setMe = useSetMe();
  const { language, setLanguage } = useLanguage();
  const headingId = useId();
  const [status, setStatus] = useState('');
  const theme: Theme = me.ui_preferences.theme ?? 'system';

  const saveLanguage = useMutation({
    mutationFn: (next: Language) => unwrap(api.PATCH('/api/v1/users/me', { body: { language: next } })),
    onSuccess: (profile) => {
      setMe(profile);
      setStatus(settingsMessages[profile.language].display.languageSaved);
    },
  });
  const saveTheme = useMutation({
    mutationFn: (next: Theme) => unwrap(api.PATCH('/api/v1/users/me', { body: { ui_preferences: { theme: next } } })),
    onMutate: (next) => {
      // Applied at once (the session applies the cached profile's theme); the answer confirms it.
      setMe({ ...me, ui_preferences: { ...me.ui_preferences, theme: next } });
      return { before: me };
    },
    onSuccess: (profile) => {
      setMe(profile);
      setStatus(t.display.themeSaved);
    },
    onError: (_error, _next, context) => {
      if (context) setMe(context.before);
    },
  });

  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.display.heading}</h2>
      <p className="muted">{t.display.appliesAtOnce}</p>
      <SelectField
        label={t.display.language}
        value={language}
        onChange={(event) => {
          const next = event.target.value as Language;
          setStatus('');
          setLanguage(next);
          saveLanguage.mutate(next);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {names[code]}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={saveLanguage.error} />
      <SelectField
        label={t.display.theme}
        value={theme}
        onChange={(event) => {
          setStatus('');
          saveTheme.mutate(event.target.value as Theme);
        }}
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {t.display.themes[option]}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={saveTheme.error} />
      <p className="settings__status" role="status">
        {status}
      </p>
    </Card>
  );
}

function MoreSettings() {
  const t = useMessages(settingsMessages);
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.more.heading}</h2>
      <ul className="settings__links">
        <li>
          <Link to="/settings/notifications" className="settings__link">
            <span className="settings__link-title">{t.more.notifications}</span>
            <span className="muted">{t.more.notificationsHint}</span>
          </Link>
        </li>
        <li>
          <Link to="/settings/security" className="settings__link">
            <span className="settings__link-title">{t.more.security}</span>
            <span className="muted">{t.more.securityHint}</span>
          </Link>
        </li>
      </ul>
    </Card>
  );
}

function AccountSection() {
  const t = useMessages(settingsMessages);
  const texts = useMessages(common);
  const api = useApi();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const remove = useMutation({
    mutationFn: (current: string) => unwrap(api.DELETE('/api/v1/users/me', { body: { password: current } })),
    onSuccess: () => {
      setMe(null);
      void navigate('/login', { replace: true });
    },
  });
  const wrongPassword = remove.error instanceof ApiError && remove.error.code === 'users.wrong_password';

  return (
    <Card aria-labelledby={headingId} className="settings__account">
      <h2 id={headingId}>{t.account.heading}</h2>
      <h3>{t.account.exportHeading}</h3>
      <p>{t.account.exportText}</p>
      <p>
        <a className="button button--secondary" href="/api/v1/users/me/export" download>
          {t.account.exportLink}
        </a>
      </p>
      <h3>{t.account.deleteHeading}</h3>
      {confirming ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!password) {
              setMissing(true);
              return;
            }
            setMissing(false);
            remove.mutate(password);
          }}
        >
          <p className="settings__warning">{t.account.deleteWarning}</p>
          <TextField
            label={t.account.password}
            hint={t.account.passwordHint}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={missing ? t.required : wrongPassword ? t.account.wrongPassword : undefined}
          />
          {wrongPassword ? null : <ErrorMessage error={remove.error} />}
          <div className="row">
            <Button type="submit" variant="danger" busy={remove.isPending}>
              {t.account.deleteConfirm}
            </Button>
            <Button
              variant="quiet"
              onClick={() => {
                setConfirming(false);
                setPassword('');
                setMissing(false);
                remove.reset();
              }}
            >
              {texts.cancel}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <p>{t.account.deleteText}</p>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t.account.deleteStart}
          </Button>
        </>
      )}
    </Card>
  );
}
