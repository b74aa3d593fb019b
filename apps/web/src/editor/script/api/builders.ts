import {
  SCRIPT_BUILDERS,
  STRIPE_KINDS,
  commonBuilderMethods,
  type ScriptMethod,
  type ScriptSetter,
  type StripeKind,
} from '@fireflow/protocol';

const setterDeclaration = (setter: ScriptSetter, builder: string) =>
  `  /** ${setter.doc}\n   * @returns this builder, for chaining. */\n  ${setter.name}(${setter.params}): ${builder};`;

function methodDeclaration(method: ScriptMethod): string {
  const doc =
    method.doc.length === 1
      ? `  /** ${method.doc[0]} */`
      : `  /**\n${method.doc.map((line) => `   * ${line}`).join('\n')}\n   */`;
  return `${doc}\n  ${method.name}(${method.params}): ${method.returns};`;
}

/** The builder interface and factory of `kind`, from the script API catalogue the sandbox also reads. */
function builderInterface(kind: StripeKind): string {
  const spec = SCRIPT_BUILDERS[kind];
  const members = [
    ...spec.setters.map((setter) => setterDeclaration(setter, spec.type)),
    ...commonBuilderMethods(kind).map(methodDeclaration),
  ];
  return `/** ${spec.doc} */
interface ${spec.type} {
${members.join('\n')}
}

/** ${spec.doc}
 * @example ${spec.example} */
declare function ${spec.factory}(): ${spec.type};`;
}

export function builderDeclarations(): string {
  return STRIPE_KINDS.map(builderInterface).join('\n\n');
}
