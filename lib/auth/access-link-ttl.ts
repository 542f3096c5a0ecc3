// How long an invite or reset link works; shared with the admin screen that shows the link.
export const ACCESS_LINK_TTL_HOURS = 72;
