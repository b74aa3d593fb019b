import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { JSON_IMPORT_LIMIT_BYTES, ZIP_LIMIT_BYTES, ZIP_TYPES } from '../http/body.ts';
import { parseFlowId, parseInput, queryFlag } from '../http/parse.ts';
import { importFlow } from '../transfer/import-flow.ts';
import { acceptFlowFiles, zipFlowFiles, type FlowFiles } from '../transfer/zip.ts';
import { unzipFlowFiles } from '../transfer/zip-read.ts';
import type { RouteContext } from './context.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A folder uploaded as files: relative paths → base64 contents. */
const ImportFilesBody = z.object({
  id: z.string().optional(),
  files: z.record(z.string(), z.string().regex(BASE64, 'must be base64')),
});

const ImportQuery = z.object({ id: z.string().max(1000).optional(), overwrite: z.string().optional() });

async function filesFromRequest(req: Request): Promise<{ files: FlowFiles; id?: string }> {
  if (Buffer.isBuffer(req.body)) return { files: await unzipFlowFiles(req.body) };
  if (req.is('application/json')) {
    const body = parseInput(ImportFilesBody, req.body, 'import');
    const raw = Object.fromEntries(Object.entries(body.files).map(([name, b64]) => [name, Buffer.from(b64, 'base64')]));
    return { files: acceptFlowFiles(raw), ...(body.id === undefined ? {} : { id: body.id }) };
  }
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the zip as the request body (Content-Type: application/zip), or JSON { id?, files: { name: base64 } }.',
  );
}

/** Export and import of a flow folder as a zip; the zip holds exactly the folder's flow.json and scripts. */
export function transferRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { flowStore } = ctx;

  router.get('/api/flows/:id/export', async (req, res) => {
    const id = parseFlowId(req.params.id);
    const zip = zipFlowFiles(await flowStore.exportFiles(id));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${id}.zip"`);
    res.send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  router.post(
    '/api/flows/import',
    express.raw({ type: ZIP_TYPES, limit: ZIP_LIMIT_BYTES }),
    express.json({ limit: JSON_IMPORT_LIMIT_BYTES }),
    async (req, res) => {
      const query = parseInput(ImportQuery, req.query, 'query');
      const { files, id: bodyId } = await filesFromRequest(req);
      const overwrite = query.overwrite !== undefined && queryFlag(query.overwrite);
      const id = await importFlow(flowStore, files, { id: query.id ?? bodyId, overwrite });
      res.status(201).json({ id });
    },
  );

  return router;
}
