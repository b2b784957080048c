import type { ReactNode } from 'react';
import type { PrintJobView } from '../../../../shared/types';
import { PrintStatus } from './ui';

interface DoneCardProps {
  testId: string;
  title: string;
  numberLabel: string;
  number: string;
  numberTestId: string;
  summary: ReactNode;
  slipLabel: string;
  slipJob: PrintJobView | null;
  /** Shown under the slip's print status: more statuses, errors, buttons. */
  children: ReactNode;
}

/** "Saved": a tick, the document's number, a summary line and whether its slip printed. */
export function DoneCard({ testId, title, numberLabel, number, numberTestId, summary, slipLabel, slipJob, children }: DoneCardProps) {
  return (
    <section className="card intake-done" data-testid={testId}>
      <div className="done-check" aria-hidden="true">
        ✓
      </div>
      <h2>{title}</h2>
      <p className="intake-number">
        {numberLabel} <strong data-testid={numberTestId}>{number}</strong>
      </p>
      <p className="muted">{summary}</p>
      <div className="intake-done-print">
        <span>{slipLabel}</span>
        <PrintStatus job={slipJob} />
      </div>
      {children}
    </section>
  );
}
