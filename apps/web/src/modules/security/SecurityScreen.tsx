/**
 * Security settings (/settings/security): change the password, see and end sessions, two-factor
 * sign-in, API keys. Each part is its own card with an h2, so one thing can be done at a time.
 */
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Page } from '../../shared/ui/Page.tsx';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { ChangePasswordSection } from './ChangePasswordSection.tsx';
import { securityMessages } from './security.messages.ts';
import { SessionsSection } from './SessionsSection.tsx';
import { TwoFactorSection } from './TwoFactorSection.tsx';
import './security.css';

export function SecurityScreen() {
  const t = useMessages(securityMessages);
  return (
    <Page title={t.title}>
      <div className="security">
        <p className="muted">{t.intro}</p>
        <ChangePasswordSection />
        <SessionsSection />
        <TwoFactorSection />
        <ApiKeysSection />
      </div>
    </Page>
  );
}
