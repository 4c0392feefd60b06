/** Cell shading for a heat table: brand blue, stronger for larger values; white text on dark cells. */
export function heatStyle(value: number, max: number): { background?: string; color?: string } {
  if (!(value > 0) || !(max > 0)) return {};
  const alpha = 0.08 + 0.72 * Math.min(1, value / max);
  return { background: `rgba(31, 95, 139, ${alpha.toFixed(3)})`, color: alpha > 0.45 ? '#fff' : undefined };
}
