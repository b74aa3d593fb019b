import { modKey } from '../../shared/format.ts';

export function ShortcutList() {
  const mod = modKey();
  const rows: Array<[string, string]> = [
    ['Save', `${mod} S`],
    ['Run', `${mod} ↵`],
    ['Undo', `${mod} Z`],
    ['Redo', `${mod} ⇧ Z`],
    ['Copy', `${mod} C`],
    ['Paste', `${mod} V`],
    ['Delete', 'Del'],
  ];
  return (
    <section className="shortcuts" aria-label="Keyboard shortcuts">
      <h3 className="panel-subtitle">Shortcuts</h3>
      <dl>
        {rows.map(([action, keys]) => (
          <div key={action} className="shortcut-row">
            <dt>{action}</dt>
            <dd>
              <kbd>{keys}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
