import { useQuery } from '@tanstack/react-query';
import { healthQuery } from '../api/health.ts';
import { errorMessage } from '../api/http.ts';
import { Icon } from '../shared/Icon.tsx';
import { hrefFor } from './router/routes.ts';

function stripeLabel(base: string): string {
  if (base.includes('api.stripe.com')) return 'Stripe (test mode)';
  return /127\.0\.0\.1|localhost/.test(base) ? 'Stripe mock' : `Stripe at ${base}`;
}

export function AppHeader() {
  const health = useQuery(healthQuery());
  return (
    <header className="app-header">
      <a className="brand" href={hrefFor({ name: 'list' })} aria-label="Fireflow — all flows">
        <Icon name="flame" size={18} />
        <span>Fireflow</span>
      </a>
      <div className="app-header-spacer" />
      <div className="health" aria-live="polite">
        {health.isSuccess && (
          <span className="health-ok" title={`Stripe: ${health.data.stripe} · dispatcher: ${health.data.dispatcher}`}>
            <span className="dot dot-succeeded" />
            {stripeLabel(health.data.stripe)} · {health.data.dispatcher}
          </span>
        )}
        {health.isError && (
          <span className="health-bad" title={errorMessage(health.error)}>
            <span className="dot dot-failed" />
            Server unreachable
          </span>
        )}
      </div>
    </header>
  );
}
