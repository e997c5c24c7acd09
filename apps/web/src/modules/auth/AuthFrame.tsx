/**
 * The frame of the screens before sign-in (outside the app's Layout): the app name, the language
 * switch and one calm, centred column.
 */
import type { ReactNode } from 'react';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { LanguageSwitch } from '../../shared/i18n/LanguageSwitch.tsx';
import { Page } from '../../shared/ui/Page.tsx';
import './auth.css';

export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useMessages(common);
  return (
    <div className="auth">
      <header className="auth__top">
        <span className="auth__brand">{t.appName}</span>
        <LanguageSwitch />
      </header>
      <main id="content" className="auth__main">
        <Page title={title} narrow>
          <div className="card auth__card">{children}</div>
        </Page>
      </main>
    </div>
  );
}
