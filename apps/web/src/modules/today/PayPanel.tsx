import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap } from '../../shared/api/client.ts';
import { useLanguage, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { CompleteButton } from '../tasks/actions/CompleteButton.tsx';
import { CopyButton } from './CopyButton.tsx';
import { todayMessages } from './today.messages.ts';
import { groupIban, paymentDetailsOf, plainAmount, type TodayTask } from './useToday.ts';

interface Row {
  key: string;
  label: string;
  shown: string;
  copy: string;
}

/**
 * Everything needed to pay a bill, each value with its own copy button, then "Bezahlt": the bank
 * details come from the task's document (GET /documents/{id}, its metadata).
 */
export function PayPanel({ task, id, heading: Heading = 'h4' }: { task: TodayTask & { document_id: string }; id: string; heading?: 'h3' | 'h4' }) {
  const t = useMessages(todayMessages);
  const { language } = useLanguage();
  const format = useFormat();
  const api = useApi();
  const headingId = useId();
  const [copyStatus, setCopyStatus] = useState('');
  const document = useQuery({
    queryKey: ['document', task.document_id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: task.document_id } } })),
  });

  let body;
  if (document.isPending) body = <Loading />;
  else if (document.error) body = <ErrorMessage error={document.error} onRetry={() => void document.refetch()} />;
  else {
    const details = paymentDetailsOf(document.data.metadata);
    const amount = task.amount ?? details.amount;
    const currency = task.amount !== null ? task.currency : (details.currency ?? task.currency);
    const rows: Row[] = [];
    if (details.payee) rows.push({ key: 'payee', label: t.payee, shown: details.payee, copy: details.payee });
    if (details.iban) rows.push({ key: 'iban', label: t.iban, shown: groupIban(details.iban), copy: details.iban });
    if (details.bic) rows.push({ key: 'bic', label: t.bic, shown: details.bic, copy: details.bic });
    if (amount) rows.push({ key: 'amount', label: t.amount, shown: format.amount(amount, currency), copy: plainAmount(amount, language) });
    if (details.reference) rows.push({ key: 'reference', label: t.reference, shown: details.reference, copy: details.reference });
    body = (
      <>
        {details.means === 'direct_debit' ? <p className="pay-panel__note">{t.directDebit}</p> : null}
        {details.means === 'paid' ? <p className="pay-panel__note">{t.alreadyPaid}</p> : null}
        {!details.iban && details.means !== 'direct_debit' && details.means !== 'paid' ? <p className="pay-panel__note">{t.noBankDetails}</p> : null}
        <dl className="pay-panel__list">
          {rows.map((row) => (
            <div key={row.key} className="pay-panel__row">
              <dt>{row.label}</dt>
              <dd>
                <span className={row.key === 'iban' ? 'pay-panel__value pay-panel__value--mono' : 'pay-panel__value'}>{row.shown}</span>
                <CopyButton value={row.copy} label={row.label} onResult={setCopyStatus} />
              </dd>
            </div>
          ))}
        </dl>
        <p className="pay-panel__status" role="status">
          {copyStatus}
        </p>
        <p className="pay-panel__after">{t.afterPaying}</p>
        <div className="row">
          <CompleteButton taskId={task.id} taskTitle={task.title} paid />
          <Link to={`/documents/${task.document_id}`} className="button button--quiet link-button">
            {t.openDocument}
          </Link>
        </div>
      </>
    );
  }

  return (
    <section className="pay-panel" id={id} aria-labelledby={headingId}>
      <Heading id={headingId}>{t.payTitle}</Heading>
      {body}
    </section>
  );
}
