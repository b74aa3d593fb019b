import { createContext, useContext } from 'react';

export type ToastKind = 'error' | 'success' | 'info';

export interface ToastInput {
  kind: ToastKind;
  title: string;
  message?: string;
}

export interface Toast extends ToastInput {
  id: number;
}

export type ShowToast = (toast: ToastInput) => void;

export const ToastContext = createContext<ShowToast | null>(null);

export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error('Fireflow: useToast() was called outside <ToastProvider>.');
  return show;
}
