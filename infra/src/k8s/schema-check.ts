import path from 'node:path';
import ts from 'typescript';
import type { KubeObject } from './render';

/**
 * Validation of rendered objects against the Kubernetes API schemas, with the `kubernetes-models` package (generated
 * from Kubernetes' OpenAPI definitions) in two ways:
 * - its validators (ajv, compiled from the schemas): required fields, types, enums, formats;
 * - its TypeScript declarations, through the TypeScript compiler's excess-property check: a field the API does not
 *   have (`resourcs:`, `readinessProbe.httpget`) anywhere in an object. The OpenAPI schemas do not forbid unknown
 *   fields, so the validators alone would let a misspelt field through, and the API server would silently drop it.
 */

/** `apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment` (core `v1` objects live under `v1/`). */
export function modelModule(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  return `kubernetes-models/${object.apiVersion}/${object.kind}`;
}

function describe(object: KubeObject): string {
  return `${object.kind}/${object.metadata?.name ?? '(no name)'}`;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

function loadModel(object: KubeObject): ModelClass | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(modelModule(object)) as Record<string, ModelClass>)[object.kind];
  } catch {
    return undefined;
  }
}

/** Problems found by the API schemas' validators; an apiVersion/kind the API does not have is one too. */
export function validateAgainstSchemas(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      problems.push(`${describe(object)}: apiVersion and kind are required`);
      continue;
    }
    const Model = loadModel(object);
    if (!Model) {
      problems.push(
        `${describe(object)}: no ${object.kind} in ${object.apiVersion} (Kubernetes API schemas of kubernetes-models)`,
      );
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${describe(object)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * Problems found by type-checking each object as an object literal of its kubernetes-models interface: unknown fields
 * (at any depth) and wrong types. `repoRoot` is where `kubernetes-models` resolves from.
 */
export function findUnknownFields(objects: KubeObject[], repoRoot: string): string[] {
  const checkable = objects.filter((object) => loadModel(object));
  const fileName = path.join(repoRoot, 'infra', 'src', 'k8s', '__rendered-manifests__.ts');
  const lines: string[] = [];
  const starts: number[] = [];
  let offset = 0;
  checkable.forEach((object, index) => {
    const line = `const o${index}: import('${modelModule(object)}').I${object.kind} = ${JSON.stringify(object)};\n`;
    starts.push(offset);
    lines.push(line);
    offset += line.length;
  });
  const source = `export {};\n${lines.join('')}`;
  const headerLength = 'export {};\n'.length;

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, source, languageVersion)
      : getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === fileName || fileExists(name);
  host.readFile = (name) => (name === fileName ? source : readFile(name));

  const program = ts.createProgram([fileName], options, host);
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter(
    (diagnostic) => diagnostic.file?.fileName === fileName,
  );
  return diagnostics.map((diagnostic) => {
    const at = (diagnostic.start ?? 0) - headerLength;
    let index = starts.length - 1;
    while (index > 0 && starts[index] > at) index--;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    return `${describe(checkable[index])}: ${message.replace(/'"([^"]+)"'/g, "'$1'")}`;
  });
}
