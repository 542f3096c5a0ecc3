// The positions a run is staffed with (the runbook's roles on the day), and how they read.
export const RUN_ROLE_KINDS = ["deployment_lead", "tech_lead", "devops", "qa"] as const;
export type TRunRoleKind = (typeof RUN_ROLE_KINDS)[number];

export const RUN_ROLE_LABELS: Record<TRunRoleKind, string> = {
  deployment_lead: "Deployment Lead",
  tech_lead: "Tech Lead",
  devops: "DevOps",
  qa: "QA",
};

/** A go/no-go position's label: a run role's, or the position's own name for any other. */
export const positionLabel = (position: string): string => RUN_ROLE_LABELS[position as TRunRoleKind] ?? position;
