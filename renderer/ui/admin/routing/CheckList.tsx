import { useId } from 'react';

/**
 * A labelled group of checkboxes (sources, spheres, municipalities): the legend names the group
 * for a screen reader, each box its own option; Tab moves box to box, Space ticks.
 */
export function CheckList<T extends string>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: readonly T[];
  onChange(next: T[]): void;
}) {
  const id = useId();
  const toggle = (option: T, on: boolean) => onChange(on ? options.map((o) => o.value).filter((v) => v === option || value.includes(v)) : value.filter((v) => v !== option));
  return (
    <fieldset className="rt-checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} htmlFor={`${id}-${o.value}`} className="rt-check">
          <input id={`${id}-${o.value}`} type="checkbox" checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
