import { StripeKind } from '@fireflow/protocol';
import type { NodeTemplate } from '../graph/factory.ts';

export const PALETTE_MIME = 'application/x-fireflow-node';

export function writePaletteDrag(data: DataTransfer, template: NodeTemplate) {
  data.setData(PALETTE_MIME, JSON.stringify(template));
  data.effectAllowed = 'copy';
}

/** The dragged palette item, or null for anything else (files, text). */
export function readPaletteDrag(data: DataTransfer): NodeTemplate | null {
  const raw = data.getData(PALETTE_MIME);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { type?: unknown; kind?: unknown };
    if (value.type === 'script') return { type: 'script' };
    if (value.type === 'webhook') return { type: 'webhook' };
    const kind = StripeKind.safeParse(value.kind);
    if (value.type === 'stripe' && kind.success) return { type: 'stripe', kind: kind.data };
  } catch {
    // Not ours.
  }
  return null;
}
