import type { FormTree } from '../form.ts';
import { compileParams, type Params } from '../validate/compile.ts';
import type { ResourceKind, SpecSubset } from '../validate/schema.ts';
import type { CreateHandler } from './object-template.ts';
import { customerCreate } from './customers.ts';
import { paymentIntentCreate } from './payment-intents.ts';
import { priceCreate } from './prices.ts';
import { productCreate } from './products.ts';
import { subscriptionCreate } from './subscriptions.ts';

export interface Resource {
  kind: ResourceKind;
  /** `/v1/payment_intents`: POST creates, GET `<path>/<id>` retrieves. */
  path: string;
  retrieveParam: string;
  parseCreate(tree: FormTree): Params;
  parseRetrieve(tree: FormTree): Params;
  create: CreateHandler;
}

const CREATES = {
  payment_intent: (resources) => paymentIntentCreate(resources.payment_intent.fixture),
  product: productCreate,
  price: priceCreate,
  subscription: subscriptionCreate,
  customer: customerCreate,
} satisfies Record<ResourceKind, (resources: SpecSubset['resources']) => CreateHandler>;

/** Compiles every validator once, at start-up, so a request only runs closures. */
export function createResources(spec: SpecSubset): Resource[] {
  return (Object.keys(CREATES) as ResourceKind[]).map((kind) => {
    const resource = spec.resources[kind];
    return {
      kind,
      path: resource.path,
      retrieveParam: resource.retrieveParam,
      parseCreate: compileParams(resource.createParams),
      parseRetrieve: compileParams(resource.retrieveParams),
      create: CREATES[kind](spec.resources),
    };
  });
}
