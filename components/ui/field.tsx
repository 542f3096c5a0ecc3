import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

// The border is what shows a field is there: slate-500 keeps it above 3:1 on white (WCAG 1.4.11).
const control =
  "mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-blue-600";

export function TextField({ label, id, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} className={control} {...props} />
    </div>
  );
}

export function SelectField({
  label,
  id,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} className={control} {...props}>
        {children}
      </select>
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/**
 * A message's text (an announcement, a template): monospace and as tall as its lines (10 to 22 rows),
 * labelled for screen readers only, since the heading above it already says what it is.
 */
export function MessageTextArea({
  id,
  label,
  value,
  onTextChange,
  className = "",
  ...props
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "rows"> & { id: string; label: string; value: string; onTextChange: (text: string) => void }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">{label}</label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onTextChange(e.target.value)}
        rows={Math.min(22, Math.max(10, value.split("\n").length + 1))}
        className={`block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm leading-6 ${className}`}
        {...props}
      />
    </>
  );
}
