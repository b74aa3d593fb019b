import { useCallback, useState } from 'react';

function read(key: string, fallback: number): number {
  try {
    const value = Number(window.localStorage.getItem(key));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

/** A number kept in this browser's localStorage (a panel size), so the layout survives a reload. */
export function useStoredNumber(key: string, fallback: number): [number, (next: number) => void] {
  const [value, setValue] = useState(() => read(key, fallback));
  const set = useCallback(
    (next: number) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, String(next));
      } catch {
        // Storage full or disabled: the size still applies until the page is left.
      }
    },
    [key],
  );
  return [value, set];
}
