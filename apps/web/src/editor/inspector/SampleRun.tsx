import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ScriptRunInput, StripeKind } from '@fireflow/protocol';
import { samplesQuery } from '../../api/samples.ts';
import { Icon } from '../../shared/Icon.tsx';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import { contextKey, scriptContext, type ScriptContext } from '../script/scriptContext.ts';
import { eventObjectKind, sampleEvent } from '../script/api/stripeEvents.ts';
import { useScriptRun } from '../session/useScriptRun.ts';
import { useEditor } from '../store/useEditor.ts';

type Port = 'response' | 'error' | 'event';

/** `kind`: of the object the sample carries (none for an event type without a known object). */
interface Choice {
  port: Port;
  kind: StripeKind | null;
  from: string;
  eventType?: string;
}

const GLOBAL: Record<Port, string> = { response: 'parsed_data', error: 'parsed_error', event: 'event' };

function choiceLabel(choice: Choice): string {
  if (choice.port === 'event') return `${choice.eventType ?? 'event'} (${choice.from})`;
  if (!choice.kind) return choice.from;
  const meta = STRIPE_KIND_META[choice.kind];
  return `${choice.port === 'response' ? meta.objectName : `${meta.label} error`} (${choice.from})`;
}

function choicesOf(context: ScriptContext): Choice[] {
  const out: Choice[] = [];
  context.responseKinds.forEach((kind, index) =>
    out.push({ port: 'response', kind, from: context.responseFrom[index] ?? '' }),
  );
  context.errorKinds.forEach((kind, index) => out.push({ port: 'error', kind, from: context.errorFrom[index] ?? '' }));
  const from = (context.webhookFrom ?? []).join(', ');
  for (const eventType of context.webhookEvents ?? []) {
    if (eventType !== '*') out.push({ port: 'event', kind: eventObjectKind(eventType), from, eventType });
  }
  return out;
}

/** "Run with sample data": a response or error script alone, with Stripe's fixture for its kind, editable first. */
export function SampleRun({ nodeId, save }: { nodeId: string; save: () => Promise<boolean> }) {
  const key = useEditor((s) => contextKey(scriptContext(nodeId, s.entry, s.nodes, s.edges)));
  const choices = useMemo(() => choicesOf(JSON.parse(key) as ScriptContext), [key]);
  const [open, setOpen] = useState(false);
  const [choiceIndex, setChoiceIndex] = useState(0);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const samples = useQuery({ ...samplesQuery(), enabled: open });
  const { runWith, busy } = useScriptRun(save);
  const choice = choices[choiceIndex] ?? choices[0];
  if (!choice) return null;

  const sample = choice.kind ? samples.data?.[choice.kind] : undefined;
  const sampleValue =
    choice.port === 'event'
      ? sampleEvent(choice.eventType ?? '', sample?.response ?? {})
      : choice.port === 'response'
        ? sample?.response
        : sample?.error;
  const ready = choice.port === 'event' ? samples.data !== undefined : sample !== undefined;
  const sampleText = ready ? JSON.stringify(sampleValue, null, 2) : '';
  const shown = text ?? sampleText;
  const global = GLOBAL[choice.port];

  const run = () => {
    let value: unknown;
    try {
      value = JSON.parse(shown);
    } catch (error) {
      setProblem(`Not JSON: ${(error as Error).message}`);
      return;
    }
    setProblem(null);
    if (choice.port === 'event' || !choice.kind) {
      void runWith(nodeId, { event: value });
      return;
    }
    const request = {
      id: 'req_sample',
      kind: choice.kind,
      node_id: choice.from,
      params: {},
      idempotency_key: 'sample',
    };
    const input: ScriptRunInput =
      choice.port === 'response' ? { parsed_data: value, request } : { parsed_error: value, request };
    void runWith(nodeId, input);
  };

  if (!open) {
    return (
      <div className="sample-run">
        <button type="button" className="btn btn-sm" onClick={() => setOpen(true)}>
          <Icon name="play" size={12} /> Run with sample data
        </button>
      </div>
    );
  }
  return (
    <div className="sample-run" aria-label="Run with sample data">
      <div className="sample-run-actions">
        <strong>Sample {global}</strong>
        {choices.length > 1 && (
          <select
            aria-label="Sample for"
            value={choiceIndex}
            onChange={(event) => (setChoiceIndex(Number(event.target.value)), setText(null))}
          >
            {choices.map((c, index) => (
              <option key={`${c.port}:${c.from}:${c.eventType ?? ''}`} value={index}>
                {choiceLabel(c)}
              </option>
            ))}
          </select>
        )}
        <span className="row-spacer" />
        <button
          type="button"
          className="icon-btn icon-btn-sm"
          aria-label="Close sample data"
          onClick={() => setOpen(false)}
        >
          <Icon name="x" size={12} />
        </button>
      </div>
      <p className="muted">
        From Stripe&apos;s fixtures for {choice.kind ? STRIPE_KIND_META[choice.kind].label : 'this event'}. Edit it,
        then run this script alone with it: no Stripe call is made for the input.
      </p>
      <textarea
        aria-label={`Sample ${global} (JSON)`}
        spellCheck={false}
        value={samples.isLoading && text === null ? 'Loading…' : shown}
        onChange={(event) => setText(event.target.value)}
      />
      {problem && <p className="field-error">{problem}</p>}
      <div className="sample-run-actions">
        <button type="button" className="btn btn-sm btn-primary" disabled={busy || !ready} onClick={run}>
          <Icon name="play" size={12} /> Run {nodeId} with this {global}
        </button>
        {text !== null && (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setText(null)}>
            Reset to the sample
          </button>
        )}
      </div>
    </div>
  );
}
