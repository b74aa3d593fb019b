import { useCallback, useState, type PointerEvent } from 'react';
import { useStoredNumber } from '../../shared/useStoredNumber.ts';

const MIN = 120;
const DEFAULT = 260;

/** Height of the bottom panel, dragged by its top edge; kept between MIN and 75% of the window. */
export function usePanelHeight() {
  const [height, setHeight] = useStoredNumber('fireflow.runPanelHeight', DEFAULT);
  const [collapsed, setCollapsed] = useState(false);

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      event.preventDefault();
      const startY = event.clientY;
      const startHeight = height;
      const onMove = (move: globalThis.PointerEvent) => {
        const next = startHeight + (startY - move.clientY);
        setHeight(Math.round(Math.min(window.innerHeight * 0.75, Math.max(MIN, next))));
      };
      const onUp = () => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      setCollapsed(false);
    },
    [height, setHeight],
  );

  return { height, collapsed, onPointerDown, toggle: () => setCollapsed((c) => !c) };
}
