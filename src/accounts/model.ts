import { z } from 'zod';
import { ROLES, Role } from '../platform/actor.js';
import { MeAbilities, UserAbilities } from '../sharing/model.js';

export { ROLES, Role };

/** Roles that must sign in with a second factor: they can change who has access. */
export const ROLES_REQUIRING_SECOND_FACTOR: readonly Role[] = ['admin', 'org-admin'];

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'not a valid e-mail address' }));

export const Password = z.string().min(1, 'password is required').max(1024);

/** A recovery code as typed: letters and digits, with or without the dash and spaces shown at enrolment. */
const RECOVERY_CODE_INPUT = /^[A-Za-z0-9 -]{10,40}$/;

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().min(1, 'e-mail address is required').max(254),
  password: Password,
  totp: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
  /** One of the recovery codes shown at enrolment, in place of `totp` when the authenticator is lost. */
  recoveryCode: z
    .string()
    .trim()
    .max(40)
    .regex(RECOVERY_CODE_INPUT, 'a recovery code is ten letters and digits, as shown at enrolment')
    .optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const OrganisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['member-state', 'eu-body', 'nato']),
});
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;

/** The signed-in user as the web app and API clients see themselves. */
export const Me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  organisation: OrganisationSummary,
  secondFactorEnabled: z.boolean(),
  /** True while an admin or org-admin without a second factor may do nothing but enrol one. */
  secondFactorEnrolmentRequired: z.boolean(),
  language: z.string(),
  /** Whether the user chose `language`; until then generated text follows the browser's Accept-Language. */
  languageChosen: z.boolean(),
  timeZone: z.string(),
  viaToken: z.boolean(),
  /** A read-only wall screen signed in with a display token of its organisation. */
  viaDisplay: z.boolean(),
  /** What this caller may do, from the sharing rules: the web shows these actions and decides nothing itself. */
  abilities: MeAbilities,
});
export type Me = z.infer<typeof Me>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  organisation: z.string(),
  role: Role,
  active: z.boolean(),
  onDuty: z.boolean(),
  secondFactorEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** What the caller may do to help this user back into the account (lists and changes carry it). */
  abilities: UserAbilities.optional(),
});
export type User = z.infer<typeof User>;

export const CreateUserRequest = z.strictObject({
  email: Email,
  displayName: z.string().trim().min(1, 'a name is required').max(200),
  organisation: z.string().trim().toUpperCase().min(1).max(40),
  role: Role,
  password: z.string().max(1024),
  onDuty: z.boolean().optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  active: z.boolean().optional(),
  onDuty: z.boolean().optional(),
  /** Only admins and org-admins may reset a lost second factor, and never their own. */
  resetSecondFactor: z.literal(true).optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const SecondFactorSetup = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type SecondFactorSetup = z.infer<typeof SecondFactorSetup>;

export const SecondFactorConfirm = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });

export const PasswordChange = z.strictObject({
  currentPassword: z.string().max(1024),
  newPassword: z.string().max(1024),
});

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1, 'a name is required').max(200),
});
/** The token's secret appears only in this response; the platform keeps a hash. */
export const CreatedToken = ApiToken.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

/** A revocable token for an operations-room wall screen: read rights of one organisation, no inactivity sign-out. */
export const DisplayToken = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DisplayToken = z.infer<typeof DisplayToken>;
export const CreatedDisplayToken = DisplayToken.extend({ token: z.string() });
export type CreatedDisplayToken = z.infer<typeof CreatedDisplayToken>;

/** Someone a TLP:RED entry may be for, as the recipient picker offers them (`GET /api/recipients`). */
export const RecipientOption = z.object({
  userId: z.string(),
  name: z.string(),
  organisation: z.string(),
  email: z.string(),
});
export type RecipientOption = z.infer<typeof RecipientOption>;

/** What the signed-in user may change about themselves. */
export const MePatch = z.strictObject({
  /** The language generated text (assessment reasons, explanations, status changes) is written in. */
  language: z.enum(['en', 'nl']),
});
export type MePatch = z.infer<typeof MePatch>;

/** Enrolment's answer: who you are now, and the recovery codes, shown this once. */
export const SecondFactorEnabled = Me.extend({ recoveryCodes: z.array(z.string()) });
export type SecondFactorEnabled = z.infer<typeof SecondFactorEnabled>;

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Asking for a reset link for oneself: the answer never says whether the address has an account. */
export const PasswordResetRequest = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, 'e-mail address is required').max(254),
  /** The language of the sign-in page, for an address with an account that has none of its own chosen yet. */
  language: z.enum(['en', 'nl']).optional(),
});

export const PasswordResetAccepted = z.object({ message: z.string() });

export const PasswordResetCompletion = z.strictObject({
  token: z.string().trim().min(1, 'the link is incomplete').max(200),
  newPassword: z.string().max(1024),
});
