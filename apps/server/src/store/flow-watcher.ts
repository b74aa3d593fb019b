import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FlowId } from '@fireflow/protocol';

export interface WatchLogger {
  warn(message: string): void;
}

/**
 * Watches the flows folder and each flow folder in it (one level each: recursive fs.watch is not dependable on
 * every Node 20 platform) and reports which flow id was touched. Debouncing is the caller's business.
 */
export class FlowWatcher {
  private readonly dir: string;
  private readonly touched: (id: string) => void;
  private readonly logger: WatchLogger;
  private root: FSWatcher | null = null;
  private readonly folders = new Map<string, FSWatcher>();
  private closed = false;

  constructor(dir: string, touched: (id: string) => void, logger: WatchLogger) {
    this.dir = dir;
    this.touched = touched;
    this.logger = logger;
  }

  /** Throws when the platform cannot watch (the store then runs without a cache). */
  async start(): Promise<void> {
    this.root = watch(this.dir, (_event, name) => {
      if (typeof name === 'string' && FlowId.safeParse(name).success) {
        this.touched(name);
        void this.refreshFolder(name);
      }
    });
    this.root.on('error', (error) => this.logger.warn(`watching ${this.dir} failed: ${error.message}`));
    const entries = await readdir(this.dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory() && FlowId.safeParse(entry.name).success) this.watchFolder(entry.name);
    }
  }

  /** A folder renamed or replaced keeps its old inode's watcher, so every top-level event re-creates it. */
  private async refreshFolder(id: string): Promise<void> {
    this.folders.get(id)?.close();
    this.folders.delete(id);
    const isDir = await stat(path.join(this.dir, id)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDir && !this.closed && !this.folders.has(id)) this.watchFolder(id);
  }

  private watchFolder(id: string): void {
    try {
      const watcher = watch(path.join(this.dir, id), () => this.touched(id));
      watcher.on('error', () => {
        watcher.close();
        if (this.folders.get(id) === watcher) this.folders.delete(id);
        this.touched(id);
      });
      this.folders.set(id, watcher);
    } catch {
      // Gone between readdir and watch: the root watcher reports it.
    }
  }

  close(): void {
    this.closed = true;
    this.root?.close();
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
  }
}
