/*
 * The errors whose message is meant for the user as it stands: a command that cannot do
 * what it was asked (CommandError), a bad option value, a layout that does not fit.
 * The dispatcher prints any UserError's message and fails the command; anything else is
 * an internal error. A leaf module, so every layer can throw them without importing the
 * layer that catches them.
 */

/** An error to show the user as it is, and fail the command. */
export class UserError extends Error {}

/** A command cannot do what it was asked (no such session, a split that does not fit, …). */
export class CommandError extends UserError {}
