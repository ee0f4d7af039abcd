/** Invalid input on the command line: exit 2 with one line on stderr naming the field or option. */
export class UsageError extends Error {}
