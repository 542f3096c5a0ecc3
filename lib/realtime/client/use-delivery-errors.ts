"use client";
// Why deliveries failed, for leads and admins: the page's comms context has the reasons at render,
// and they are re-read whenever a delivery fails while the page is open. The delivery events carry no
// reason (viewers and status links receive them too), so this is the one way a reason reaches a screen.
import { useEffect, useRef, useState } from "react";
import { refreshCommsContextAction } from "../../comms/actions";
import type { TAnnouncementView } from "../../domain/comms-events";

/** "d1/4,d7/1": which deliveries have failed, after how many tries (a resend that fails again changes it). */
const failedKey = (announcements: readonly TAnnouncementView[]) =>
  announcements
    .flatMap((a) => a.deliveries)
    .filter((d) => d.status === "failed")
    .map((d) => `${d.id}/${d.attempts}`)
    .join(",");

export function useDeliveryErrors(runId: string, announcements: readonly TAnnouncementView[], initial: Readonly<Record<string, string>>, isAllowed: boolean): Readonly<Record<string, string>> {
  const [errors, setErrors] = useState(initial);
  const key = failedKey(announcements);
  const renderedKey = useRef(key);

  useEffect(() => {
    if (!isAllowed || key === renderedKey.current || key === "") return;
    let isCurrent = true;
    void refreshCommsContextAction(runId).then((result) => {
      if (isCurrent && result.ok) setErrors(result.data.deliveryErrors);
    });
    return () => {
      isCurrent = false;
    };
  }, [runId, key, isAllowed]);

  return errors;
}
