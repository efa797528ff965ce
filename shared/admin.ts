import { z } from 'zod';
import { idSchema, isoDateTime, roleSchema, userSchema, type Role } from './domain';
import { machineString, proseText } from './text';

/**
 * The administrator's console: what its requests carry and what they answer. Every route under
 * /api/v1/admin is the admin role's alone (the server answers 403 to everybody else).
 */

export const ADMIN_PREFIX = '/admin';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

export const passwordSchema = machineString(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH);
export const usernameSchema = z.string().trim().regex(USERNAME_PATTERN);
export const displayNameSchema = proseText(1, 200);

/** A user as the console lists them: the synced fields plus what only the server keeps. */
export const adminUserSchema = userSchema.extend({
  disabled: z.boolean(),
  createdAt: isoDateTime,
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUsersResponseSchema = z.object({ users: z.array(adminUserSchema) });

/** Clerks work inside one municipality; a supervisor or admin without one works for the region. */
export function scopeIsValid(role: Role, municipalityId: string | null): boolean {
  return role !== 'clerk' || municipalityId !== null;
}

const scopeRefinement = {
  message: 'A clerk must belong to a municipality',
  path: ['municipalityId'],
};

export const createUserRequestSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    municipalityId: idSchema.nullable(),
    password: passwordSchema,
  })
  .refine((u) => scopeIsValid(u.role, u.municipalityId), scopeRefinement);
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** A change of name, role or municipality; the fields not sent stay as they are. */
export const updateUserRequestSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    municipalityId: idSchema.nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'Nothing to change' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: passwordSchema });
export const setDisabledRequestSchema = z.object({ disabled: z.boolean() });

/** The user after an update: the requested change folded over what they were. */
export function userAfterUpdate<U extends { displayName: string; role: Role; municipalityId: string | null }>(
  before: U,
  change: UpdateUserRequest,
): U {
  return {
    ...before,
    ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.municipalityId !== undefined ? { municipalityId: change.municipalityId } : {}),
  };
}
