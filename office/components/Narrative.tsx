import { EDIT_LANGS } from '../lib/constants';
import { useT } from '../lib/i18n';

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
