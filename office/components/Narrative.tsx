import { EDIT_LANGS } from '../lib/constants';
import { useT } from '../lib/i18n';

/** The texts written by hand in the edited languages (not those derived from another script). */
export function writtenNarratives(
  n: Record<string, string> | null | undefined,
  derived: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of EDIT_LANGS) if (n?.[l] && !derived.includes(l)) out[l] = n[l];
  return out;
}

/** One labelled input (or text area) per written language: sq, sr-Latn, en. */
export function NarrativeFields({
  name,
  legend,
  values,
  multiline = false,
  required = false,
}: {
  name: string;
  legend: string;
  values: Record<string, string>;
  multiline?: boolean;
  required?: boolean;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="grid3">
        {EDIT_LANGS.map((l) => {
          const id = `${name}.${l}`;
          return (
            <div key={l}>
              <label htmlFor={id}>{t(`lang.${l}`)}</label>
              {multiline ? (
                <textarea id={id} name={id} lang={l} rows={4} defaultValue={values[l] ?? ''} />
              ) : (
                <input
                  id={id}
                  name={id}
                  lang={l}
                  defaultValue={values[l] ?? ''}
                  aria-required={required || undefined}
                />
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
