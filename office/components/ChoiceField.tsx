import { useT } from '../lib/i18n';

/**
 * A labelled select: one value (with an empty "none" choice unless `none` is false) or several
 * (with a line of help on how to pick more than one).
 */
export function ChoiceField({
  id,
  label,
  options,
  value,
  none = true,
  multiple = false,
  disabled = false,
}: {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value: string | string[];
  none?: boolean;
  multiple?: boolean;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={id}
        defaultValue={value}
        multiple={multiple}
        size={multiple ? 6 : undefined}
        disabled={disabled}
        aria-describedby={multiple ? `${id}-help` : undefined}
      >
        {none && !multiple && <option value="">{t('edit.none')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {multiple && (
        <p className="help" id={`${id}-help`}>
          {t('dlg.multi_help')}
        </p>
      )}
    </div>
  );
}
