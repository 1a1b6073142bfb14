/**
 * Errors whose message is meant for the user, as opposed to programming or storage errors.
 */

/** An error whose message can be shown to the user as is (e.g. "A paper can have at most 50 tags"). */
export class UserError extends Error {
  override name = 'UserError';
}

/** The error for an id the store does not know. */
export function unknownPaper(id: string): UserError {
  return new UserError(
    `Paper ${id} is not in your reading list yet; open a page that shows it and try again.`,
  );
}
