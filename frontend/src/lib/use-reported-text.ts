import { useEffect, useRef, useState } from "react";

/**
 * The text of a search field that reports its trimmed value to `onReport`: after `delay` ms of
 * quiet (never when `delay` is null), or at once through `report` (Enter, blur, clear). It follows
 * `value` when the URL changes (back/forward), but the URL catching up with what was reported
 * never overwrites newer typing; a value already reported is not reported again.
 */
export function useReportedText(
  value: string,
  onReport: (value: string) => void,
  delay: number | null,
): { text: string; setText: (text: string) => void; report: (next: string) => void } {
  const [text, setText] = useState(value);
  const latest = useRef(onReport);
  latest.current = onReport;
  const reported = useRef(value);
  const report = (next: string) => {
    if (next === reported.current) return;
    reported.current = next;
    latest.current(next);
  };

  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (delay === null || text.trim() === reported.current) return;
    const timer = setTimeout(() => report(text.trim()), delay);
    return () => clearTimeout(timer);
  });

  return { text, setText, report };
}
