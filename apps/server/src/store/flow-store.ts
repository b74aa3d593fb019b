import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { flowTemplate, parseFlowJson, writeFlowDir } from '@fireflow/engine';
import { FlowId, type FlowBundle, type FlowChanged, type FlowSummary, type FlowTemplate } from '@fireflow/protocol';
import { HttpError } from '../http/errors.ts';
import { FlowWatcher, type WatchLogger } from './flow-watcher.ts';
import { fingerprint, loadFlow, type FlowLoad } from './flow-load.ts';
import {
  installFlowFolder,
  readFlowFiles,
  removeFlowFolder,
  removeTempDirs,
  writeCheckedFiles,
} from './flow-folder.ts';

export interface FlowStoreOptions {
  /** Watch the folder for outside edits (default true). Without a watcher nothing is cached. */
  watch?: boolean;
  debounceMs?: number;
  logger?: WatchLogger;
}

type ChangeListener = (change: FlowChanged) => void;

/**
 * The flows folder as a store. The folder is the source of truth: reads go to disk (runs use a cache that the
 * watcher and our own writes invalidate), writes are atomic, and edits made outside are announced once.
 */
export class FlowStore {
  readonly dir: string;
  private readonly debounceMs: number;
  private readonly cache = new Map<string, Promise<FlowLoad>>();
  /** What each flow looked like when we last announced or wrote it. */
  private readonly known = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<ChangeListener>();
  private watcher: FlowWatcher | null = null;
  private closed = false;

  private constructor(dir: string, debounceMs: number) {
    this.dir = dir;
    this.debounceMs = debounceMs;
  }

  static async open(dir: string, options: FlowStoreOptions = {}): Promise<FlowStore> {
    await mkdir(dir, { recursive: true });
    await removeTempDirs(dir);
    const store = new FlowStore(dir, options.debounceMs ?? 100);
    const logger = options.logger ?? { warn: (message: string) => console.warn(message) };
    if (options.watch ?? true) {
      const watcher = new FlowWatcher(dir, (id) => store.touched(id), logger);
      try {
        await watcher.start();
        store.watcher = watcher;
      } catch (error) {
        watcher.close();
        logger.warn(`cannot watch ${dir} (${(error as Error).message}); outside edits are picked up on the next read`);
      }
    }
    return store;
  }

  private folder(id: string): string {
    return path.join(this.dir, FlowId.parse(id));
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(): Promise<FlowSummary[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const ids = entries.filter((e) => e.isDirectory() && FlowId.safeParse(e.name).success).map((e) => e.name);
    const summaries = await Promise.all(ids.map((id) => this.summary(id)));
    return summaries.filter((s): s is FlowSummary => s !== null).sort((a, b) => a.id.localeCompare(b.id));
  }

  private async summary(id: string): Promise<FlowSummary | null> {
    const dir = path.join(this.dir, id);
    const names = await readdir(dir).catch(() => [] as string[]);
    const own = names.filter((name) => name === 'flow.json' || name.endsWith('.js'));
    if (!own.includes('flow.json') && !own.includes('main.js')) return null;
    const times = await Promise.all(
      own.map((name) =>
        stat(path.join(dir, name)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    );
    let name = id;
    if (own.includes('flow.json')) {
      try {
        name = parseFlowJson(await readFile(path.join(dir, 'flow.json'), 'utf8')).name;
      } catch {
        // A broken flow.json still lists (under its id) so the user can open it and see why.
      }
    }
    return { id, name, updated_at: new Date(Math.max(0, ...times)).toISOString() };
  }

  /** Straight from disk; also refreshes the run cache. */
  async read(id: string): Promise<FlowLoad> {
    const load = loadFlow(this.folder(id));
    if (this.watcher) this.cache.set(id, load);
    return load;
  }

  /** For starting runs: no file I/O while the watcher says nothing changed. */
  cached(id: string): Promise<FlowLoad> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const load = loadFlow(this.folder(id));
    if (this.watcher) {
      this.cache.set(id, load);
      load.catch(() => {
        // A failed read (not an invalid flow: an I/O error) is not worth keeping.
        if (this.cache.get(id) === load) this.cache.delete(id);
      });
    }
    return load;
  }

  async create(id: string, name: string, template: FlowTemplate): Promise<FlowBundle> {
    const bundle = flowTemplate(template, name);
    await this.write(id, () => installFlowFolder(this.dir, id, (dir) => writeFlowDir(dir, bundle), false));
    return bundle;
  }

  /** Writes an existing flow; answers what is on disk afterwards. */
  async save(id: string, bundle: FlowBundle): Promise<FlowLoad> {
    return this.write(id, async () => {
      const dir = this.folder(id);
      if ((await loadFlow(dir)).kind === 'missing') throw notFound(id);
      await writeFlowDir(dir, bundle);
    });
  }

  async remove(id: string): Promise<void> {
    await this.write(id, async () => {
      if (!(await removeFlowFolder(this.dir, id))) throw notFound(id);
    });
  }

  async exportFiles(id: string): Promise<Record<string, Uint8Array>> {
    const files = await readFlowFiles(this.folder(id));
    if (!files) throw notFound(id);
    return files;
  }

  async importFiles(id: string, files: Record<string, Uint8Array>, overwrite: boolean): Promise<void> {
    await this.write(id, () => installFlowFolder(this.dir, id, (dir) => writeCheckedFiles(dir, files), overwrite));
  }

  /** Writes to one flow run one at a time; afterwards the cache and the fingerprint hold what is on disk. */
  private write(id: string, change: () => Promise<void>): Promise<FlowLoad> {
    return this.locked(id, async () => {
      const failure = await change().then(
        () => null,
        (error: unknown) => ({ error }),
      );
      const load = await loadFlow(this.folder(id));
      this.known.set(id, fingerprint(load));
      if (this.watcher) this.cache.set(id, Promise.resolve(load));
      if (failure) throw failure.error;
      return load;
    });
  }

  private locked<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    const tail = next.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return next;
  }

  private touched(id: string): void {
    if (this.closed) return;
    this.cache.delete(id);
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      void this.check(id);
    }, this.debounceMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  /** Announces a flow only when its content differs from what we last saw, so our own writes stay quiet. */
  private async check(id: string): Promise<void> {
    await this.locked(id, async () => {
      const load = await loadFlow(path.join(this.dir, id)).catch(() => null);
      if (!load || this.closed) return;
      this.cache.set(id, Promise.resolve(load));
      const print = fingerprint(load);
      if (this.known.get(id) === print) return;
      this.known.set(id, print);
      const change: FlowChanged = { flow_id: id, ts: Date.now() };
      for (const listener of this.listeners) listener(change);
    });
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }
}

function notFound(id: string): HttpError {
  return new HttpError(404, 'FLOW_NOT_FOUND', `No flow with id "${id}".`);
}
