"use client";
// A lead opens the poll: the runbook's questions (edit, add, remove) and the positions that must answer,
// in roll-call order.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MAX_POLL_QUESTIONS, positionLabel } from "@/lib/runs/poll-schemas";
import { RUN_ROLE_KINDS } from "@/lib/runs/schemas";
import type { THolders } from "./roll-call-table";

type TProps = {
  defaultQuestions: string[];
  holders: THolders;
  isBusy: boolean;
  onOpen: (questions: string[], positions: string[]) => Promise<boolean>;
};

type TSlot = { position: string; isIncluded: boolean };

export function OpenPollForm({ defaultQuestions, holders, isBusy, onOpen }: TProps) {
  const [questions, setQuestions] = useState(defaultQuestions.length ? defaultQuestions : [""]);
  const [slots, setSlots] = useState<TSlot[]>(RUN_ROLE_KINDS.map((position) => ({ position, isIncluded: holders.has(position) })));
  const cleaned = questions.map((q) => q.trim()).filter(Boolean);
  const positions = slots.filter((s) => s.isIncluded && holders.has(s.position)).map((s) => s.position);

  const move = (index: number, by: -1 | 1) =>
    setSlots((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });

  return (
    <form
      aria-label="Open the Go/No-Go poll"
      className="mt-3 grid gap-6 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      onSubmit={(e) => {
        e.preventDefault();
        void onOpen(cleaned, positions);
      }}
    >
      <fieldset>
        <legend className="font-semibold text-slate-900">Questions (everyone answers each one GO or NO-GO)</legend>
        <ol className="mt-2 space-y-2">
          {questions.map((question, index) => (
            <li key={index} className="flex items-center gap-2">
              <label htmlFor={`poll-question-${index}`} className="w-6 text-right text-sm text-slate-600">{index + 1}.</label>
              <input
                id={`poll-question-${index}`}
                value={question}
                maxLength={300}
                onChange={(e) => setQuestions((list) => list.map((q, i) => (i === index ? e.target.value : q)))}
                className="flex-1 rounded-md border border-slate-300 px-2 py-1"
                aria-label={`Question ${index + 1}`}
              />
              <Button
                type="button"
                variant="ghost"
                className="!px-2 !py-1"
                aria-label={`Remove question ${index + 1}`}
                disabled={questions.length === 1}
                onClick={() => setQuestions((list) => list.filter((_, i) => i !== index))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ol>
        <Button
          type="button"
          variant="secondary"
          className="mt-2"
          disabled={questions.length >= MAX_POLL_QUESTIONS}
          onClick={() => setQuestions((list) => [...list, ""])}
        >
          + Add question
        </Button>
      </fieldset>
      <fieldset>
        <legend className="font-semibold text-slate-900">Roll call, in order</legend>
        <ol className="mt-2 space-y-2">
          {slots.map((slot, index) => {
            const holder = holders.get(slot.position);
            const id = `poll-position-${slot.position}`;
            return (
              <li key={slot.position} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1">
                <input
                  id={id}
                  type="checkbox"
                  checked={slot.isIncluded && Boolean(holder)}
                  disabled={!holder}
                  onChange={(e) => setSlots((list) => list.map((s, i) => (i === index ? { ...s, isIncluded: e.target.checked } : s)))}
                />
                <label htmlFor={id} className="flex-1 text-sm">
                  <span className="font-semibold text-slate-900">{positionLabel(slot.position)}</span>{" "}
                  <span className="text-slate-700">{holder ? holder.userName : "— nobody holds it (an admin can assign it)"}</span>
                </label>
                <Button type="button" variant="ghost" className="!px-2 !py-1" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`Move ${positionLabel(slot.position)} up`}>
                  ↑
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  className="!px-2 !py-1"
                  disabled={index === slots.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={`Move ${positionLabel(slot.position)} down`}
                >
                  ↓
                </Button>
              </li>
            );
          })}
        </ol>
        <p className="mt-2 text-sm text-slate-700">
          {positions.length ? `Order: ${positions.map(positionLabel).join(" → ")}` : "Tick at least one position."}
        </p>
        <Button type="submit" className="mt-3" disabled={isBusy || cleaned.length === 0 || positions.length === 0}>
          Open the poll ({cleaned.length} {cleaned.length === 1 ? "question" : "questions"})
        </Button>
      </fieldset>
    </form>
  );
}
