/** Geometry of a simple bar chart, computed at build time so no chart library ships to the browser. */
export interface Bar {
  label: string;
  value: number;
  valueText: string;
  x: number;
  y: number;
  width: number;
  height: number;
  highlight: boolean;
}

export function barChart(rows: { label: string; value: number }[], opts: { lang: string; unit?: string; width?: number; height?: number }) {
  const width = opts.width ?? 480;
  const height = opts.height ?? 240;
  const top = 24;
  const baseline = height - 28;
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const slot = width / Math.max(rows.length, 1);
  const barWidth = Math.min(64, slot * 0.6);
  const fmt = new Intl.NumberFormat(opts.lang, { maximumFractionDigits: 2 });
  const bars: Bar[] = rows.map((r, i) => {
    const h = Math.max(0, (r.value / max) * (baseline - top));
    return {
      label: r.label,
      value: r.value,
      valueText: fmt.format(r.value),
      x: i * slot + (slot - barWidth) / 2,
      y: baseline - h,
      width: barWidth,
      height: h,
      highlight: i === rows.length - 1 && rows.length > 1,
    };
  });
  return { width, height, baseline, bars };
}
