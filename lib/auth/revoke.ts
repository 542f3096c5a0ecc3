// What follows a committed change to a user's powers: this instance forgets its cached epoch at once
// and every open socket of the user, on every instance, is dropped (lib/timeline/sockets.ts).
import "server-only";
import { disconnectUser } from "../timeline/sockets";
import { forgetAuthState } from "./epoch";

export function afterAuthChange(userId: string): void {
  forgetAuthState(userId);
  disconnectUser(userId);
}
