import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../api/client.ts';
import { useMe } from '../session/session.tsx';
import { renderScreen, signUpForTest } from '../testing/render.tsx';
import { common } from './common.messages.ts';
import { useMessages } from './i18n.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function Probe() {
  const t = useMessages(common);
  const { me } = useMe();
  return (
    <>
      <LanguageSwitch />
      <p>{t.nav.today}</p>
      <p>{me ? `signed in as ${me.username}` : 'loading'}</p>
    </>
  );
}

describe('LanguageSwitch', () => {
  it('switches the texts at once and stores the language in the profile', async () => {
    const user = await signUpForTest({ language: 'de' });
    renderScreen(<Probe />, { api: user.api, language: 'de' });
    expect(screen.getByText('Heute')).toBeInTheDocument();
    await screen.findByText(`signed in as ${user.username}`);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sprache' }), 'en');
    expect(screen.getByText('Today')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    await waitFor(async () => expect((await unwrap(user.api.GET('/api/v1/users/me'))).language).toBe('en'));
  });
});
