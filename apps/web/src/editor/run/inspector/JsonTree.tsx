import { CopyButton } from './CopyButton.tsx';

type Json = unknown;

const isContainer = (value: Json): value is Record<string, Json> | Json[] =>
  value !== null && typeof value === 'object';

function Leaf({ value }: { value: Json }) {
  if (value === null) return <span className="json-null">null</span>;
  switch (typeof value) {
    case 'string':
      return <span className="json-string">{JSON.stringify(value)}</span>;
    case 'number':
      return <span className="json-number">{String(value)}</span>;
    case 'boolean':
      return <span className="json-boolean">{String(value)}</span>;
    default:
      return <span className="json-null">{String(value)}</span>;
  }
}

function summary(value: Record<string, Json> | Json[]): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  const keys = Object.keys(value);
  const object = typeof value.object === 'string' ? `${value.object} ` : '';
  return `${object}{${keys.length}}`;
}

/** An object's or array's members as [key, value] pairs, array items keyed by index. */
function entriesOf(value: Record<string, Json> | Json[]): (readonly [string, Json])[] {
  return Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
}

function Entry({ name, value, depth }: { name: string; value: Json; depth: number }) {
  if (!isContainer(value)) {
    return (
      <div className="json-row">
        <span className="json-key">{name}</span>
        <span className="json-colon">: </span>
        <Leaf value={value} />
      </div>
    );
  }
  const entries = entriesOf(value);
  return (
    <details className="json-node" open={depth < 1 || entries.length <= 6}>
      <summary>
        <span className="json-key">{name}</span>
        <span className="json-colon">: </span>
        <span className="json-summary muted">{summary(value)}</span>
        <CopyButton text={() => JSON.stringify(value, null, 2)} label={`Copy ${name}`} />
      </summary>
      <div className="json-children">
        {entries.length === 0 && <span className="muted">{Array.isArray(value) ? 'empty array' : 'empty object'}</span>}
        {entries.map(([key, item]) => (
          <Entry key={key} name={key} value={item} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}

/** A JSON value as a tree: objects and arrays fold, each with a copy button. */
export function JsonTree({ value, label }: { value: Json; label: string }) {
  if (!isContainer(value)) {
    return (
      <div className="json-tree" aria-label={label}>
        <Leaf value={value} />
      </div>
    );
  }
  const entries = entriesOf(value);
  return (
    <div className="json-tree" role="group" aria-label={label}>
      {entries.map(([key, item]) => (
        <Entry key={key} name={key} value={item} depth={0} />
      ))}
    </div>
  );
}
