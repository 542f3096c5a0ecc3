// How answers and outcomes look everywhere: always a word and an icon with the colour, so the
// verdict survives colour blindness, glare and a grayscale projector.
import type { TPollAnswer, TPollOutcome } from "@/lib/domain/go-no-go";
import type { TAck } from "@/lib/realtime/events";
import type { TRunCommandInput, TRunCommandName } from "@/lib/realtime/client/use-run";

/** A run command as screens send it: each name with its own input type (lib/wiring/socket-commands.ts). */
export type TSend = <K extends TRunCommandName>(name: K, input: TRunCommandInput<K>) => Promise<TAck<{ seq: number }>>;

export const ANSWER_ICON: Record<TPollAnswer, string> = { go: "✓", no_go: "✕" };

export const ANSWER_LIGHT: Record<TPollAnswer, string> = {
  go: "bg-emerald-700 text-white",
  no_go: "bg-red-700 text-white",
};

export type TFormingOutcome = TPollOutcome | "pending" | "overridden";

export const OUTCOME_LOOK: Record<TFormingOutcome, { word: string; icon: string; light: string; dark: string }> = {
  pending: { word: "VOTING…", icon: "", light: "bg-slate-800 text-white", dark: "bg-slate-700 text-white" },
  proceed: { word: "PROCEED", icon: "✓", light: "bg-emerald-700 text-white", dark: "bg-emerald-600 text-white" },
  reschedule: { word: "RESCHEDULE", icon: "✕", light: "bg-red-700 text-white", dark: "bg-red-600 text-white" },
  overridden: { word: "PROCEED (OVERRIDE)", icon: "⚠", light: "bg-amber-400 text-slate-950", dark: "bg-amber-400 text-slate-950" },
};
