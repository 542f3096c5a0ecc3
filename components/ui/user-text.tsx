// Text a person typed (run names, versions, notes, reasons, titles, names, labels), shown isolated
// from what is printed beside it. <bdi> takes its direction from its own letters (dir="auto") and is
// `unicode-bidi: isolate`, so a right-to-left override (U+202E) in a run name stays inside the name
// instead of reversing the version and commit that follow it. Every screen shows user text through
// this one element; text that leaves Warroom is cleaned by lib/domain/safe-text.ts instead.
import type { ComponentProps } from "react";

type TUserTextProps = Omit<ComponentProps<"bdi">, "children"> & { children: string | number | null | undefined };

export function UserText({ children, ...props }: TUserTextProps) {
  return (
    <bdi data-user-text="" {...props}>
      {children}
    </bdi>
  );
}
