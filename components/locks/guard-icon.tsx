// The padlock and the snowflake beside a lock or a freeze. The padlock is drawn (the emoji has no
// glyph in many system fonts, so it showed as a box); the snowflake is a plain text symbol.
export function GuardIcon({ source, className = "" }: { source: "lock" | "freeze"; className?: string }) {
  if (source === "freeze") return <span aria-hidden="true" className={className}>❄</span>;
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={`inline-block h-[0.95em] w-[0.95em] -translate-y-[0.08em] align-middle ${className}`} fill="currentColor">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z" />
    </svg>
  );
}
