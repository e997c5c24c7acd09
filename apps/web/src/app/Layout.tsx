/**
 * The frame around every signed-in screen: a skip link, the main navigation (a bottom bar on
 * phones, a side bar from tablet width), the bell with the unread count, and the content.
 */
import { useMutation } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { UnreadBadge } from '../modules/notifications/UnreadBadge.tsx';
import { useNotificationStream } from '../modules/notifications/useNotificationStream.ts';
import { useApi } from '../shared/api/ApiProvider.tsx';
import { common } from '../shared/i18n/common.messages.ts';
import { useMessages } from '../shared/i18n/i18n.tsx';
import { LanguageSwitch } from '../shared/i18n/LanguageSwitch.tsx';
import { useSetMe } from '../shared/session/session.tsx';
import { Icon, type IconName } from '../shared/ui/Icon.tsx';
import './layout.css';

const MAIN: { to: string; icon: IconName; label: 'today' | 'capture' | 'tasks' | 'documents' | 'agenda' }[] = [
  { to: '/', icon: 'today', label: 'today' },
  { to: '/capture', icon: 'capture', label: 'capture' },
  { to: '/tasks', icon: 'tasks', label: 'tasks' },
  { to: '/documents', icon: 'documents', label: 'documents' },
  { to: '/agenda', icon: 'agenda', label: 'agenda' },
];

export function Layout() {
  const t = useMessages(common);
  const api = useApi();
  const setMe = useSetMe();
  const navigate = useNavigate();
  useNotificationStream();
  const signOut = useMutation({
    mutationFn: () => api.POST('/api/v1/auth/logout'),
    onSettled: () => {
      setMe(null);
      void navigate('/login');
    },
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t.skipToContent}
      </a>
      <header className="topbar">
        <NavLink to="/" className="topbar__brand">
          {t.appName}
        </NavLink>
        <div className="topbar__tools">
          <LanguageSwitch />
          <NavLink to="/notifications" className="topbar__icon">
            <Icon name="bell" />
            <span className="visually-hidden">{t.nav.notifications}</span>
            <UnreadBadge />
          </NavLink>
          <NavLink to="/settings" className="topbar__icon" aria-label={t.nav.settings}>
            <Icon name="settings" />
          </NavLink>
          <button type="button" className="topbar__icon topbar__signout" onClick={() => signOut.mutate()} aria-label={t.nav.signOut}>
            <Icon name="signOut" />
          </button>
        </div>
      </header>
      <nav className="mainnav" aria-label={t.nav.label}>
        <ul>
          {MAIN.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'} className="mainnav__link">
                <Icon name={item.icon} />
                <span>{t.nav[item.label]}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" className="shell__content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
