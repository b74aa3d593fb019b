/** Fit the flow in view, but never so small that node text cannot be read: a big flow scrolls instead. */
export const FIT_VIEW = { padding: 0.25, maxZoom: 1.1, minZoom: 0.6 } as const;
