/**
 * Collects the parameters of one SQL statement. Every value a user or admin typed goes through
 * add(), which returns a typed placeholder ("$3::text"); nothing is concatenated into the text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, type: "text" | "text[]" | "float8" | "int" | "timestamptz"): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
