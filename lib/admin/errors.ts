/** Field path ("variations.1.key") -> messages. Paths match the form's field names and the API body. */
export type FieldErrors = Record<string, string[]>;

/** Errors the admin layer expects and reports to the user; anything else is a bug and propagates. */
export class AdminError extends Error {}

/** Bad input: 400 in the API, messages next to the fields in forms. */
export class InvalidInputError extends AdminError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "Some fields need fixing.",
  ) {
    super(message);
  }

  static field(path: string, message: string): InvalidInputError {
    return new InvalidInputError({ [path]: [message] });
  }
}

/** The thing does not exist in the current project: 404. */
export class NotFoundError extends AdminError {}

/** The request is valid but the current state forbids it (e.g. deleting a metric in use): 409. */
export class ConflictError extends AdminError {}
