import { useSyncExternalStore } from "react";

export type Toast = { id: number; message: string };

type Listener = () => void;

/** A tiny store for success toasts; errors stay next to what caused them instead. */
export function createToastStore(durationMs = 5000) {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<Listener>();
  const emit = () => {
    for (const listener of listeners) listener();
  };

  const dismiss = (id: number) => {
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  };

  return {
    show(message: string): number {
      const id = nextId++;
      // Keep at most three on screen; the oldest goes first.
      toasts = [...toasts, { id, message }].slice(-3);
      emit();
      setTimeout(() => dismiss(id), durationMs);
      return id;
    },
    dismiss,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => toasts,
  };
}

export const toasts = createToastStore();

/** Shows a short success message in the toast region (announced politely). */
export function toast(message: string): void {
  toasts.show(message);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(toasts.subscribe, toasts.getSnapshot, toasts.getSnapshot);
}
