import path from 'node:path';
import { FlowLoadError, RunStartError, loadFlowDir, type StartRunOptions } from '@fireflow/engine';
import type { DispatchEvent } from '@fireflow/protocol';
import { ConfigError, resolveConfig } from '../config.ts';
import { startRuntimeOrExitCode } from '../dispatcher.ts';
import { UsageError, flowDirArgument, parseCommandArgs } from './args.ts';
import { nodeAlone } from './node-alone.ts';
import { ansi, formatEvent, plain } from './format.ts';
import { createStatusLine } from './status-line.ts';
import { printDiagnostics } from './validate.ts';
import { followMockWebhooks } from './webhook-loop.ts';

const OPTIONS = {
  json: { type: 'boolean' },
  entry: { type: 'string' },
  node: { type: 'string' },
  input: { type: 'string' },
  redis: { type: 'string' },
  'stripe-base': { type: 'string' },
} as const;

/** `fireflow run`: exit 0 when the run succeeds, 1 when it fails, 2 on bad input (SPEC §7). */
export async function runCommand(argv: string[]): Promise<number> {
  let flowDir: string;
  let values: ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];
  let config;
  try {
    const parsed = parseCommandArgs(argv, OPTIONS);
    values = parsed.values;
    if (parsed.positionals.length !== 1) {
      throw new UsageError('usage: fireflow run <flowDir> [--json] [--entry ID] [--node ID --input FILE.json]');
    }
    if (values.input !== undefined && values.node === undefined) throw new UsageError('--input needs --node ID');
    flowDir = flowDirArgument(parsed.positionals[0] as string);
    config = resolveConfig(process.env, { redis: values.redis, 'stripe-base': values['stripe-base'] });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`fireflow run: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  let alone: Pick<StartRunOptions, 'entry' | 'input'> = {};
  if (values.node !== undefined) {
    try {
      alone = await nodeAlone(values.node, values.input);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`fireflow run: ${error.message}\n`);
      return 2;
    }
  }

  let bundle;
  try {
    bundle = await loadFlowDir(flowDir);
  } catch (error) {
    if (!(error instanceof FlowLoadError)) throw error;
    printDiagnostics(flowDir, error.diagnostics);
    return 2;
  }

  const runtime = await startRuntimeOrExitCode(config, 'run');
  if (typeof runtime === 'number') return runtime;
  const { dispatcher } = runtime;
  const json = values.json === true;
  const tty = !json && process.stdout.isTTY === true;
  const status = tty ? createStatusLine(process.stdout) : null;
  const paint = tty ? ansi : plain;
  let runId: string | null = null;
  const early: DispatchEvent[] = [];
  const show = (event: DispatchEvent) => {
    if (json) return void process.stdout.write(`${JSON.stringify(event)}\n`);
    const line = formatEvent(event, paint);
    if (status) status.print(line, event);
    else if (line !== null) process.stdout.write(`${line}\n`);
  };
  const webhookRuns = new Set<string>();
  const unsubscribe = dispatcher.onEvent((event) => {
    if (webhookRuns.has(event.run_id)) show(event);
    else if (runId === null) early.push(event);
    else if (event.run_id === runId) show(event);
  });
  const hooks = runtime.mock
    ? await followMockWebhooks(runtime.mock, dispatcher, path.basename(flowDir), bundle, webhookRuns)
    : null;
  // Ctrl-C (or SIGTERM) while the run goes: say so on a line of its own, clear the status line, exit 130 (143).
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const interrupted = new Promise<number>((resolve) => {
    onSignal = (signal) => {
      status?.clear();
      // In Redis mode the run is the workers' to finish; in process it ends with this process.
      const goesOn = dispatcher.kind === 'redis' ? ' (it goes on in the workers)' : '';
      const what = runId === null ? 'before the run started' : `before run ${runId} settled${goesOn}`;
      process.stderr.write(`fireflow run: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'} ${what}\n`);
      resolve(signal === 'SIGINT' ? 130 : 143);
    };
  });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!json) process.stderr.write(`Stripe: ${runtime.stripeDescription}; dispatcher: ${dispatcher.kind}\n`);
    const started = await dispatcher.startRun(bundle, {
      flow_id: path.basename(flowDir),
      ...(values.entry ? { entry: values.entry } : {}),
      ...alone,
    });
    runId = started.run_id;
    for (const event of early.splice(0)) if (event.run_id === runId) show(event);
    const id = runId;
    const finished = (async () => {
      const settled = await dispatcher.waitForSettled(id);
      const hooksSucceeded = hooks ? await hooks.settle() : true;
      return settled.status === 'succeeded' && hooksSucceeded ? 0 : 1;
    })();
    const code = await Promise.race([finished, interrupted]);
    // After an interrupt the wait ends when the runtime closes, unheard.
    finished.catch(() => undefined);
    return code;
  } catch (error) {
    if (error instanceof RunStartError) {
      process.stderr.write(`fireflow run: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    status?.clear();
    await hooks?.close();
    unsubscribe();
    await runtime.close();
  }
}
