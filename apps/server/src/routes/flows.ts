import { Router } from 'express';
import { validateBundle } from '@fireflow/engine';
import { CreateFlowBody, PutFlowBody, type FlowBundle, type ValidateResult } from '@fireflow/protocol';
import { jsonBody, requireJsonBody } from '../http/body.ts';
import { parseFlowId, parseInput } from '../http/parse.ts';
import type { RouteContext } from './context.ts';
import { etag, parseIfMatch } from '../http/etag.ts';
import { bundleFromBody, documentFrom, documentOrNull } from './flow-body.ts';

/** Flows CRUD and validation over the flows folder. */
export function flowRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { flowStore } = ctx;

  router.get('/api/flows', async (_req, res) => {
    res.json(await flowStore.list());
  });

  router.post('/api/flows', requireJsonBody, jsonBody, async (req, res) => {
    const body = parseInput(CreateFlowBody, req.body, 'new flow');
    const bundle = await flowStore.create(body.id, body.name, body.template ?? 'blank');
    res.status(201).json({ id: body.id, flow: bundle.flow, scripts: bundle.scripts });
  });

  /** A flow whose graph has problems still opens (with `diagnostics`), so it can be fixed in the editor. */
  router.get('/api/flows/:id', async (req, res) => {
    const id = parseFlowId(req.params.id);
    const { load, version } = await flowStore.read(id);
    const document = documentOrNull(id, load, version) ?? documentFrom(id, load);
    res.setHeader('ETag', etag(version));
    res.json(document);
  });

  /** Saves only over the version the client saw (`If-Match`), so a stale editor cannot undo someone's save. */
  router.put('/api/flows/:id', requireJsonBody, jsonBody, async (req, res) => {
    const id = parseFlowId(req.params.id);
    const bundle = bundleFromBody(req.body);
    const saved = await flowStore.save(id, bundle, parseIfMatch(req.headers['if-match']));
    res.setHeader('ETag', etag(saved.version));
    res.json(documentFrom(id, saved.load, 422, saved.version));
  });

  router.delete('/api/flows/:id', async (req, res) => {
    await flowStore.remove(parseFlowId(req.params.id));
    res.status(204).end();
  });

  /** Validates the body when it carries `{ flow, scripts }` (unsaved editor state), else the flow on disk. */
  router.post('/api/flows/:id/validate', requireJsonBody, jsonBody, async (req, res) => {
    const id = parseFlowId(req.params.id);
    const body: unknown = req.body;
    let bundle: FlowBundle;
    if (body && typeof body === 'object' && 'flow' in body) {
      // Graph problems are what validate reports, so only the shape is enforced here.
      bundle = parseInput(PutFlowBody, body, 'flow document');
    } else {
      const { load } = await flowStore.read(id);
      if (load.kind === 'invalid') {
        res.json({ diagnostics: load.diagnostics } satisfies ValidateResult);
        return;
      }
      const document = documentFrom(id, load);
      bundle = { flow: document.flow, scripts: document.scripts };
    }
    res.json({ diagnostics: await validateBundle(bundle) } satisfies ValidateResult);
  });

  return router;
}
