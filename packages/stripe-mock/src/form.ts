import { errors } from './errors.ts';

/** A decoded form body: `a[b][0]=x` becomes `{ a: { b: { 0: 'x' } } }`; arrays stay index-keyed maps. */
export type FormValue = string | FormTree;
export interface FormTree {
  [key: string]: FormValue;
}

const newTree = (): FormTree => Object.create(null) as FormTree;

function decode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw errors.malformedBody();
  }
}

/** `items[0][price]` → `['items', '0', 'price']`; `expand[]` → `['expand', '']` (append). */
export function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const segments = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    const close = rest.indexOf(']');
    if (rest[0] !== '[' || close < 0) return [key];
    segments.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  return segments;
}

function assign(root: FormTree, segments: string[], value: string): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] === '' ? String(Object.keys(node).length) : (segments[i] ?? '');
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const child = node[segment];
    if (typeof child === 'object') {
      node = child;
    } else {
      const created = newTree();
      node[segment] = created;
      node = created;
    }
  }
}

/** Parses `application/x-www-form-urlencoded` (also query strings) the way Stripe's API does. */
export function parseForm(body: string): FormTree {
  const root = newTree();
  if (body.length === 0) return root;
  for (const pair of body.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (key.length > 0) assign(root, splitKey(key), value);
  }
  return root;
}
