// The status reason a decision guide writes when it moves a run. A run's status reason is what a
// status link shows stakeholders; the path walked ("Widespread → ROLLBACK immediately") is the team's
// deliberation and stays with the walk (the war room's guide panel, the record's decisions section).
// Pure.

export function walkStatusReason(treeTitle: string): string {
  return `Decided with the “${treeTitle}” decision guide`.slice(0, 1000);
}

/** What guides wrote before: "Decision guide “Canary Metrics Red”: Widespread → ROLLBACK immediately". */
const WITH_PATH = /^Decision guide “([^”]*)”: [\s\S]*$/;

/** A status reason as a status link shows it: a reason stored with a guide's path loses the path. */
export function publicStatusReason(reason: string | null): string | null {
  if (reason === null) return null;
  const walked = WITH_PATH.exec(reason);
  return walked ? walkStatusReason(walked[1]) : reason;
}
