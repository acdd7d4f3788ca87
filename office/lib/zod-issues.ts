/** A schema's verdict on form input: the parsed value, or one readable line per problem. */
export function parseInput<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
  line: (field: string, message: string) => string,
): { ok: true; value: T } | { ok: false; problems: string[] } {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) =>
      i.path.length ? line(i.path.map(String).join('.'), i.message) : i.message,
    ),
  };
}
