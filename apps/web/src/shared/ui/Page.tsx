import { useEffect, type ReactNode } from 'react';

/** One screen: its heading (the page title too) and content. */
export function Page({ title, actions, children, narrow = false }: { title: string; actions?: ReactNode; children: ReactNode; narrow?: boolean }) {
  useEffect(() => {
    document.title = `${title} · Workmate`;
  }, [title]);
  return (
    <div className={narrow ? 'page page--narrow' : 'page'}>
      <header className="page__header">
        <h1>{title}</h1>
        {actions ? <div className="page__actions">{actions}</div> : null}
      </header>
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}

export function Card({ children, className, as: Tag = 'section', ...rest }: { children: ReactNode; className?: string; as?: 'section' | 'article' | 'div' | 'li'; 'aria-labelledby'?: string }) {
  return (
    <Tag className={['card', className].filter(Boolean).join(' ')} {...rest}>
      {children}
    </Tag>
  );
}
