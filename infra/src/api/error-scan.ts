import { notFoundCode } from '@gongzhi/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Where a code is thrown or answered: file (relative to the repository) and line. */
export interface CodeSite {
  code: string;
  file: string;
  line: number;
}

/** The source trees whose error codes reach clients. Tests, fixtures and generated code are left out. */
export const SCANNED_ROOTS = [
  'libs/platform/src',
  'libs/contracts/src',
  'gateway/src',
  'services/organization/src',
  'services/services/src',
  'services/facilities/src',
  'services/deliberation/src',
];

const DOTTED_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;
const PLAIN_CODE = /^[A-Z][A-Z0-9_]*$/;
/** Helpers that take an error code as an argument besides `new DomainError(code…)`: the HTTP refusals of the gateway and organization. */
const CODE_TAKING_CALLS = new Set(['refuse', 'refusal']);

function isSkipped(file: string): boolean {
  return /\.(e2e-)?spec\.ts$/.test(file) || /[/\\](testing|__fixtures__)[/\\]/.test(file) || file.endsWith('.d.ts');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !isSkipped(full) ? [full] : [];
  });
}

function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (callee.kind === ts.SyntaxKind.SuperKeyword) return 'super';
  return undefined;
}

/** Is this plain (undotted) literal used as an error code: `code: 'X'`, `code: c ? 'X' : 'Y'`, `super('X', …)`, `new DomainError('X', …)`, `refuse(res, 401, 'X', …)`? */
function isCodePosition(node: ts.Node): boolean {
  let child = node;
  let parent = node.parent;
  while (parent && (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent))) {
    if (ts.isConditionalExpression(parent) && parent.condition === child) return false;
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (ts.isPropertyAssignment(parent) && parent.initializer === child)
    return ts.isIdentifier(parent.name) && parent.name.text === 'code';
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const name = calleeName(parent);
    const index = parent.arguments?.indexOf(child as ts.Expression) ?? -1;
    if (name === 'super' || name === 'DomainError') return index === 0;
    return name !== undefined && CODE_TAKING_CALLS.has(name) && index >= 0;
  }
  return false;
}

/** Every error code the sources can answer with, found in the syntax tree (so comments and examples in docs do not count). */
export function scanErrorCodes(repoRoot: string, roots = SCANNED_ROOTS): CodeSite[] {
  const sites: CodeSite[] = [];
  for (const root of roots) {
    for (const file of sourceFiles(path.join(repoRoot, root))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const relative = path.relative(repoRoot, file);
      const add = (code: string, node: ts.Node) =>
        sites.push({
          code,
          file: relative,
          line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        });
      const visit = (node: ts.Node): void => {
        const text = literalText(node);
        if (text !== undefined && (DOTTED_CODE.test(text) || (PLAIN_CODE.test(text) && isCodePosition(node))))
          add(text, node);
        if (ts.isNewExpression(node) && calleeName(node) === 'NotFoundError' && node.arguments) {
          const [entity, , explicit] = node.arguments;
          const entityName = entity && literalText(entity);
          if (entityName && !explicit) add(notFoundCode(entityName), node);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return sites;
}
