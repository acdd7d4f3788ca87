/** A posted field as text; a missing field or a file is the empty string. */
export function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
