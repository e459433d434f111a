import { useRef } from "react";

/**
 * One Idempotency-Key per distinct answer: the same answers sent again (a retry after a lost
 * reply) reuse the key, so the server records them once; changed answers, or the next person's
 * after `reset()`, get a fresh one.
 */
export function useAnswerKey(): { keyFor: (body: unknown) => string; reset: () => void } {
  const current = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor: (body) => {
      const json = JSON.stringify(body);
      if (current.current?.body !== json) {
        current.current = { body: json, key: crypto.randomUUID() };
      }
      return current.current.key;
    },
    reset: () => {
      current.current = null;
    },
  };
}
