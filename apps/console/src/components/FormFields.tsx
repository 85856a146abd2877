/** The labelled fields of the console's action forms (a label tied to its control, for screen readers and clicks). */

export function TextField({
  id,
  label,
  value,
  onChange,
  rows,
  maxLength = 500,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A text area of this many rows; a one-line input without. */
  rows?: number;
  maxLength?: number;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea
          id={id}
          required
          rows={rows}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          required
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </>
  );
}

export function SelectField<T extends string>({
  id,
  label,
  value,
  onChange,
  options,
  placeholder,
}: {
  id: string;
  label: string;
  value: T | '';
  onChange: (value: T) => void;
  options: { value: T; label: string }[];
  /** The first, empty choice of a select that must be made. */
  placeholder?: string;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} required value={value} onChange={(event) => onChange(event.target.value as T)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** A label map (labels.ts) as a select's options, in its order. */
export const optionsOf = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
