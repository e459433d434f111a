/**
 * A tiny line of measurements with the baseline and target as reference lines. Presentational:
 * give it points (oldest first); it draws nothing fancy and labels itself for screen readers.
 */
export function Sparkline({
  values,
  baseline,
  target,
  label,
  width = 160,
  height = 40,
}: {
  values: number[];
  baseline: number | null;
  target: number | null;
  label: string;
  width?: number;
  height?: number;
}) {
  const all = [
    ...values,
    ...(baseline === null ? [] : [baseline]),
    ...(target === null ? [] : [target]),
  ];
  if (all.length === 0) return null;
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const pad = 4;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / span);
  const x = (i: number) =>
    values.length <= 1 ? width / 2 : pad + ((width - 2 * pad) * i) / (values.length - 1);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="max-w-full overflow-visible"
    >
      {baseline !== null && (
        <line
          x1={0}
          x2={width}
          y1={y(baseline)}
          y2={y(baseline)}
          className="stroke-muted-foreground"
          strokeDasharray="3 3"
          strokeWidth={1}
        />
      )}
      {target !== null && (
        <line
          x1={0}
          x2={width}
          y1={y(target)}
          y2={y(target)}
          className="stroke-success-foreground"
          strokeDasharray="1 3"
          strokeWidth={1.5}
        />
      )}
      {values.length > 1 && (
        <polyline points={points} fill="none" className="stroke-accent" strokeWidth={2} />
      )}
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: points are positional
        <circle key={i} cx={x(i)} cy={y(v)} r={2.5} className="fill-accent" />
      ))}
    </svg>
  );
}
