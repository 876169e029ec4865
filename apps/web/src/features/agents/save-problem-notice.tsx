"use client";

import type { FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { plainIssueMessage } from "~/lib/form-errors";
import type { SaveProblem } from "./use-agent-form";

/**
 * Shows why a save failed. On a CONFLICT it shows the other person's saved values and lets the user
 * reapply their own draft on top of that version.
 */
export function SaveProblemNotice({
  problem,
  theirs,
  onReapply,
}: {
  problem: SaveProblem | null;
  theirs: string;
  onReapply: (event: FormEvent) => void;
}) {
  if (!problem) return null;
  if (problem.kind === "conflict") {
    return (
      <Notice tone="warning" role="alert">
        <p>{problem.message}</p>
        <p className="mt-1">Their version: {theirs}.</p>
        <Button type="button" variant="secondary" className="mt-2" onClick={onReapply}>
          Reapply my changes
        </Button>
      </Notice>
    );
  }
  return (
    <Notice tone="error">
      {problem.message}
      {problem.kind === "invalid" && problem.fieldErrors.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {problem.fieldErrors.map((fieldError) => (
            <li key={`${fieldError.path}:${fieldError.message}`}>
              <span className="font-mono">{fieldError.path}</span>: {plainIssueMessage(fieldError.message)}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
