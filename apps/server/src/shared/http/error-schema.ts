import Type from 'typebox';

/** The body of every error response. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable, machine-readable, e.g. `jobs.not_found`.' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
);
