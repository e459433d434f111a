import { formatDateTime, formatRelative } from "@/lib/format";

/** A relative date ("3 days ago") with the absolute one on hover and for assistive tech. */
export function RelativeTime({ value }: { value: string }) {
  const absolute = formatDateTime(value);
  return (
    <time dateTime={value} title={absolute} className="tabular-nums">
      {formatRelative(value)}
    </time>
  );
}
