// The save-time half of the outbound rules: a URL whose host is an address literal (in any notation)
// or localhost can be judged before anything is stored, so the lead or admin hears it at once, on the
// field. Names are judged when a request is sent, since what they resolve to can change.
import "server-only";
import { literalHostRefusal } from "../domain/outbound-address";
import { AppError } from "../errors";
import { outboundAllow } from "./request";

/** Throws invalid_input ("url: refused: 127.0.0.1 is a loopback address …") when `url` may not be called. */
export function assertOutboundUrl(field: string, url: string | undefined): void {
  if (!url) return;
  const refusal = literalHostRefusal(url, outboundAllow());
  if (refusal) throw new AppError("invalid_input", `${field}: ${refusal}`);
}
