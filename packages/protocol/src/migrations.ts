import { FLOW_FILE_VERSION } from './flow.ts';

export class FlowMigrationError extends Error {}

type Raw = Record<string, unknown>;

/**
 * Version 0 (the pre-release format) had no `version`, called script files `script`,
 * kept positions as `x`/`y` on the node, and named edge ends `source`/`target`/`handle`.
 */
function v0ToV1(raw: Raw): Raw {
  const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
  const edges = Array.isArray(raw.edges) ? raw.edges : [];
  return {
    ...raw,
    version: 1,
    nodes: nodes.map((node: Raw) => {
      const { x, y, script, ...rest } = node;
      const moved: Raw = { ...rest, position: { x: Number(x ?? 0), y: Number(y ?? 0) } };
      if (script !== undefined) moved.file = script;
      return moved;
    }),
    edges: edges.map((edge: Raw) => {
      const { source, target, handle, ...rest } = edge;
      const moved: Raw = { ...rest, from: source ?? rest.from, to: target ?? rest.to };
      if (handle !== undefined) moved.port = handle;
      return moved;
    }),
  };
}

/** Ordered: MIGRATIONS[n] takes version n to n + 1. */
const MIGRATIONS: Array<(raw: Raw) => Raw> = [v0ToV1];

/** Brings any older flow.json object up to the current version; the result still needs schema parsing. */
export function migrateFlowFile(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  let raw = input as Raw;
  let version = raw.version === undefined ? 0 : raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return raw;
  if (version > FLOW_FILE_VERSION) {
    throw new FlowMigrationError(
      `flow.json version ${version} is newer than this Fireflow understands (${FLOW_FILE_VERSION})`,
    );
  }
  while (version < FLOW_FILE_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new FlowMigrationError(`no migration from flow.json version ${version}`);
    raw = step(raw);
    version += 1;
  }
  return raw;
}
