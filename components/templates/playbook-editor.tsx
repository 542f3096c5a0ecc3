"use client";
// The template's go/no-go questions and communication templates (the runbook's four messages).
import { CommsFieldList } from "@/components/comms/comms-field-list";
import type { TCommsDraft, TQuestionDraft } from "@/lib/domain/template-draft";
import { addQuestion, moveAt, removeAt, replaceAt } from "@/lib/domain/template-edits";
import { AddButton, EditorText, RowButtons, useProblems } from "./editor-fields";
import type { TEdit } from "./section-editor";

export function QuestionsEditor({ questions, edit }: { questions: TQuestionDraft[]; edit: TEdit }) {
  const listProblems = useProblems("goNoGoQuestions");
  const setQuestions = (change: (all: TQuestionDraft[]) => TQuestionDraft[]) => edit((d) => ({ ...d, goNoGoQuestions: change(d.goNoGoQuestions) }));
  return (
    <div>
      <p className="text-sm text-slate-600">Every position answers GO or NO-GO to each question, in this order.</p>
      <ol className="mt-2 space-y-2" aria-label="Go/No-Go questions">
        {questions.map((question, q) => (
          <li key={question.uid} className="flex items-start gap-2" data-testid="question-editor">
            <span className="w-6 pt-1.5 text-right text-sm font-semibold text-slate-500" aria-hidden="true">{q + 1}.</span>
            <EditorText
              label={`Question ${q + 1}`}
              isLabelHidden
              path={`goNoGoQuestions.${q}`}
              value={question.text}
              onChange={(text) => setQuestions((all) => replaceAt(all, q, { ...question, text }))}
              className="flex-1"
            />
            <RowButtons
              what={`question ${q + 1}`}
              isFirst={q === 0}
              isLast={q === questions.length - 1}
              onMove={(delta) => setQuestions((all) => moveAt(all, q, delta))}
              onRemove={() => setQuestions((all) => removeAt(all, q))}
            />
          </li>
        ))}
      </ol>
      {listProblems.map((p) => <p key={p.message} className="mt-2 text-sm font-medium text-red-800">⚠ {p.message}</p>)}
      <div className="mt-2">
        <AddButton onClick={() => edit(addQuestion)}>Add question</AddButton>
      </div>
    </div>
  );
}

export function CommsEditor({ templates, edit }: { templates: TCommsDraft[]; edit: TEdit }) {
  const set = (c: number, change: Partial<TCommsDraft>) =>
    edit((d) => ({ ...d, communicationTemplates: replaceAt(d.communicationTemplates, c, { ...d.communicationTemplates[c], ...change }) }));
  return (
    <div className="space-y-4">
      <CommsFieldList summary="Fields you can use in the text" isWide />
      {templates.map((comms, c) => (
        <div key={comms.key} className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="comms-editor">
          <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
            <EditorText label="Title" path={`communicationTemplates.${c}.title`} value={comms.title} onChange={(title) => set(c, { title })} />
            <EditorText label="When to send" path={`communicationTemplates.${c}.cadence`} value={comms.cadence} onChange={(cadence) => set(c, { cadence })} />
          </div>
          <EditorText
            label={`Text of “${comms.title.trim() || comms.key}”`}
            path={`communicationTemplates.${c}.body`}
            value={comms.body}
            onChange={(body) => set(c, { body })}
            isMultiline
            rows={Math.min(16, Math.max(5, comms.body.split("\n").length + 1))}
            isMonospace
            className="mt-3"
          />
        </div>
      ))}
    </div>
  );
}
