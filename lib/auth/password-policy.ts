// The password policy, one zod schema wherever a password is chosen (first-run setup, invite and
// reset links): long enough, and not one of the passwords attackers try first.
import { z } from "zod";
import { COMMON_PASSWORDS } from "./common-passwords";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-length";

let common: Set<string> | undefined;

/** Compared lower-cased, as the list is: "Password1234" is as guessable as "password1234". */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS);
  return common.has(password.toLowerCase());
}

export const ZPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`)
  .refine((password) => !isCommonPassword(password), "This password is one of the 10,000 most common passwords: choose another");
