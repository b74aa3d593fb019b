import { useCallback, type PointerEvent } from 'react';
import { useStoredNumber } from '../../shared/useStoredNumber.ts';

const MIN = 320;
const DEFAULT = 480;

/** Width of the side panel, dragged by its left edge; kept between MIN and 70% of the window, remembered. */
export function useSideWidth() {
  const [width, setWidth] = useStoredNumber('fireflow.sidePanelWidth', DEFAULT);
  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      event.preventDefault();
      const startX = event.clientX;
      const onMove = (move: globalThis.PointerEvent) => {
        const next = width + (startX - move.clientX);
        setWidth(Math.round(Math.min(window.innerWidth * 0.7, Math.max(MIN, next))));
      };
      const onUp = () => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
    },
    [setWidth, width],
  );
  return { width, onPointerDown };
}
