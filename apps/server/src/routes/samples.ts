import { Router } from 'express';
import { stripeSamples } from '@fireflow/stripe-mock';
import type { StripeSamples } from '@fireflow/protocol';

/** `GET /api/samples`: per Stripe kind, an answer and an error body derived from Stripe's fixtures. */
export function sampleRoutes(): Router {
  const router = Router();
  const samples: StripeSamples = stripeSamples();
  router.get('/api/samples', (_req, res) => {
    res.json(samples);
  });
  return router;
}
