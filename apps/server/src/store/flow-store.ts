import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { flowTemplate, parseFlowJson, writeFlowDir } from '@fireflow/engine';
import { FlowId, type FlowBundle, type FlowChanged, type FlowSummary, type FlowTemplate } from '@fireflow/protocol';
import { FlowWatcher, type WatchLogger } from './flow-watcher.ts';
import { contentVersion, loadFlow, MISSING_VERSION, type FlowLoad } from './flow-load.ts';
import {
  installFlowFolder,
  readFlowFiles,
  recoverFlowsDir,
  removeFlowFolder,
  writeCheckedFiles,
} from './flow-folder.ts';
import { flowNotFound, FlowStoreError } from './store-error.ts';

export interface FlowStoreOptions {
  /** Watch the folder for outside edits (default true). Without a watcher nothing is cached. */
  watch?: boolean;
  debounceMs?: number;
  logger?: WatchLogger;
  /**
   * Put back what a crash interrupted and remove leftovers (default true). Off for a short-lived writer (the CLI)
   * beside a running server, whose work in progress is not a leftover.
   */
  recover?: boolean;
}

type ChangeListener = (change: FlowChanged) => void;

/** A flow as read, with the version of exactly those files (the ETag). */
export interface VersionedLoad {
  load: FlowLoad;
  version: string;
}

/** What a save must match: `*` (any existing flow) or one of the versions the client last saw. */
export type IfMatch = '*' | readonly string[];

/** Reads the version and the flow from the same files; callers hold the flow's lock, so no save lands between. */
async function readVersioned(dir: string): Promise<VersionedLoad> {
  const [files, load] = await Promise.all([readFlowFiles(dir), loadFlow(dir)]);
  return { load, version: load.kind === 'missing' ? MISSING_VERSION : contentVersion(files) };
}

/**
 * The flows folder as a store. The folder is the source of truth: reads go to disk (runs use a cache that the
 * watcher and our own writes invalidate), writes are atomic, and edits made outside are announced once.
 */
export class FlowStore {
  readonly dir: string;
  private readonly debounceMs: number;
  private readonly cache = new Map<string, Promise<FlowLoad>>();
  /** Each flow's version when we last announced it. */
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
    if (options.recover ?? true) await recoverFlowsDir(dir);
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

  /** Straight from disk, never between the two renames of a save; also refreshes the run cache. */
  async read(id: string): Promise<VersionedLoad> {
    const dir = this.folder(id);
    return this.locked(id, async () => {
      const read = await readVersioned(dir);
      if (this.watcher) this.cache.set(id, Promise.resolve(read.load));
      return read;
    });
  }

  /** For starting runs: no file I/O while the watcher says nothing changed. */
  cached(id: string): Promise<FlowLoad> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const dir = this.folder(id);
    const load = this.locked(id, () => loadFlow(dir));
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
    await this.write(id, () => installFlowFolder(this.dir, id, (dir) => writeFlowDir(dir, bundle), 'create'));
    return bundle;
  }

  /**
   * Replaces an existing flow as a whole, if it is still the version the caller saw (`ifMatch`); answers what is
   * on disk afterwards. A stale version throws FLOW_CONFLICT carrying the flow as it is now.
   */
  async save(id: string, bundle: FlowBundle, ifMatch: IfMatch): Promise<VersionedLoad> {
    const dir = this.folder(id);
    return this.write(id, async () => {
      const current = await readVersioned(dir);
      if (current.load.kind === 'missing') throw flowNotFound(id);
      if (ifMatch !== '*' && !ifMatch.includes(current.version)) {
        throw new FlowStoreError('FLOW_CONFLICT', id, `Flow "${id}" was changed since you opened it.`, { current });
      }
      await installFlowFolder(this.dir, id, (work) => writeFlowDir(work, bundle), 'replace');
    });
  }

  async remove(id: string): Promise<void> {
    await this.write(id, async () => {
      if (!(await removeFlowFolder(this.dir, id))) throw flowNotFound(id);
    });
  }

  async exportFiles(id: string): Promise<Record<string, Uint8Array>> {
    const dir = this.folder(id);
    const files = await this.locked(id, () => readFlowFiles(dir));
    if (!files) throw flowNotFound(id);
    return files;
  }

  async importFiles(id: string, files: Record<string, Uint8Array>, overwrite: boolean): Promise<void> {
    const mode = overwrite ? 'replace' : 'create';
    await this.write(id, () => installFlowFolder(this.dir, id, (dir) => writeCheckedFiles(dir, files, id), mode));
  }

  /**
   * Writes to one flow run one at a time. Afterwards the cache holds what is on disk, and a change is announced
   * at once (every other editor hears of every save); the watcher's echo of it then finds nothing new.
   */
  private write(id: string, change: () => Promise<void>): Promise<VersionedLoad> {
    const dir = this.folder(id);
    return this.locked(id, async () => {
      const failure = await change().then(
        () => null,
        (error: unknown) => ({ error }),
      );
      const after = await readVersioned(dir);
      if (this.watcher) this.cache.set(id, Promise.resolve(after.load));
      this.announce(id, after.version);
      if (failure) throw failure.error;
      return after;
    });
  }

  /** Only when the version differs from the last one announced, so one change is one notice. */
  private announce(id: string, version: string): void {
    if (this.closed || this.known.get(id) === version) return;
    this.known.set(id, version);
    const change: FlowChanged = { flow_id: id, ts: Date.now(), ...(version === MISSING_VERSION ? {} : { version }) };
    for (const listener of this.listeners) listener(change);
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

  /** An outside edit (or the echo of our own write, which announce() drops as already known). */
  private async check(id: string): Promise<void> {
    await this.locked(id, async () => {
      const read = await readVersioned(path.join(this.dir, id)).catch(() => null);
      if (!read || this.closed) return;
      this.cache.set(id, Promise.resolve(read.load));
      this.announce(id, read.version);
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
