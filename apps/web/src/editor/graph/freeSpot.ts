import type { XYPosition } from '@xyflow/react';

/** Roughly a node's footprint on the canvas, with a margin. */
const FOOTPRINT = { width: 220, height: 100 };

/** `wanted`, or the nearest place below it where a new node does not cover one already there. */
export function freeSpot(taken: ReadonlyArray<{ position: XYPosition }>, wanted: XYPosition): XYPosition {
  const overlaps = (at: XYPosition) =>
    taken.some(
      (node) =>
        Math.abs(node.position.x - at.x) < FOOTPRINT.width && Math.abs(node.position.y - at.y) < FOOTPRINT.height,
    );
  for (let step = 0; step < 50; step += 1) {
    const at = { x: wanted.x, y: wanted.y + step * FOOTPRINT.height };
    if (!overlaps(at)) return at;
  }
  return wanted;
}
