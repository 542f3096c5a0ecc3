// What a status socket's refused handshake says (shared by the server and the page; no server code).
export const LINK_INVALID = "link_invalid";
export const LINK_RATE_LIMITED = "rate_limited";
