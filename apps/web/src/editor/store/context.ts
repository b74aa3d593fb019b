import { createContext } from 'react';
import type { EditorStore } from './createEditorStore.ts';

export const EditorStoreContext = createContext<EditorStore | null>(null);
