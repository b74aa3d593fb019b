import { hrefFor } from './router/routes.ts';

export function NotFound({ path }: { path: string }) {
  return (
    <main className="page">
      <section className="empty-state">
        <h2>Nothing at {path}</h2>
        <p className="muted">The address does not match a page of Fireflow.</p>
        <a className="btn btn-primary" href={hrefFor({ name: 'list' })}>
          Go to your flows
        </a>
      </section>
    </main>
  );
}
