import { Link } from 'react-router';
import { common } from '../shared/i18n/common.messages.ts';
import { useMessages } from '../shared/i18n/i18n.tsx';
import { EmptyState, Page } from '../shared/ui/Page.tsx';

export function NotFoundScreen() {
  const t = useMessages(common);
  return (
    <Page title={t.notFound}>
      <EmptyState title={t.notFound}>
        <Link to="/">{t.toToday}</Link>
      </EmptyState>
    </Page>
  );
}
