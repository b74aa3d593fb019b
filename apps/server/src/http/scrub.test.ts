import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { pathScrubber } from './scrub.ts';

describe('pathScrubber', () => {
  const scrub = pathScrubber([['/srv/fireflow/flows', 'the flow folder']]);

  it('replaces the folder and anything under it, in the message and the details', () => {
    const error = new HttpError(
      400,
      'FLOW_INVALID',
      'The flow is invalid: /srv/fireflow/flows/.fireflow-tmp-ab12 has neither flow.json nor main.js',
      {
        where: '/srv/fireflow/flows/pay/main.js',
      },
    );
    const out = scrub(error) as HttpError;
    expect(out.message).toBe('The flow is invalid: the flow folder has neither flow.json nor main.js');
    expect(out.details).toEqual({ where: 'the flow folder' });
    expect(out.status).toBe(400);
  });

  it('leaves other errors and clean messages alone', () => {
    const clean = new HttpError(404, 'FLOW_NOT_FOUND', 'No flow with id "x".');
    expect(scrub(clean)).toBe(clean);
    const other = new Error('/srv/fireflow/flows');
    expect(scrub(other)).toBe(other);
  });
});
