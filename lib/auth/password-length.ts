// The password length rule alone, for forms in the browser (the common-password list stays on the server).
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
