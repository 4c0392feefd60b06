/** A KPI tile; `data-value` holds the raw number for tests and tools (test contract). */
export function Kpi({ label, value, display, testId, hint }: { label: string; value: number; display: string; testId: string; hint?: string }) {
  return (
    <div className="kpi" data-testid={testId} data-value={String(value)}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{display}</div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </div>
  );
}
