import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * What keeps the project's markdown true (issue 13: "no paragraph twice and no stale claim"): every link and every
 * repository path a document names exists, every `npm run X` it tells people to type is a script, every `#anchor` it
 * links to is a heading of its target, and no run of text is written in two places.
 */

/** Folders never searched for documents: dependencies, builds, run-time data. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.gongzhi', 'dist', 'dist-web', 'dist-server', 'coverage']);

/** A document as the checks see it: its path from the repository root and its text. */
export interface MarkdownFile {
  file: string;
  text: string;
}

export interface DocProblem {
  file: string;
  line: number;
  problem: string;
}

/** Every markdown file of the repository, sorted. */
export function markdownFiles(repoRoot: string): MarkdownFile[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
      } else if (entry.name.endsWith('.md')) found.push(relative);
    }
  };
  walk('');
  return found.sort().map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') }));
}

const md = new MarkdownIt({ html: true });

interface Parsed {
  tokens: Token[];
  /** GitHub's anchors of the document's headings. */
  anchors: Set<string>;
}

function parse(text: string): Parsed {
  const tokens = md.parse(text, {});
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') anchors.add(slugger.slug(plainText(tokens[i + 1])));
  });
  for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
  return { tokens, anchors };
}

/** The text a heading renders as: what GitHub makes its anchor from. */
function plainText(inline: Token): string {
  return (inline.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

/** Each inline run of the document (paragraph, heading, list item, table cell) with its first line (1-based). */
function inlines(tokens: Token[]): { token: Token; line: number }[] {
  const found: { token: Token; line: number }[] = [];
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = token.map[0] + 1;
    if (token.type === 'inline') found.push({ token, line });
  }
  return found;
}

/** Top-level entries of the repository: a code span starting with one of them is a path claim. */
function topLevel(repoRoot: string): Set<string> {
  return new Set(readdirSync(repoRoot).filter((name) => !name.startsWith('.') && !SKIPPED_DIRS.has(name)));
}

/** Folders a run or a build makes (`.gongzhi/logs/`, `apps/console/dist-web`): named in documents, never committed. */
const RUN_TIME = new Set(['node_modules', '.gongzhi', 'dist-web', 'dist-server', 'coverage']);

/** A path a document may name: segments of word characters, dots, `@` and dashes, at least one slash. */
const PATH_LIKE = /^(?:\.\/)?[\w.@-]+(?:\/[\w.@-]+)+\/?$/;

/**
 * The file a named path stands for: a built file (`dist/x.js`) is checked as its source (`src/x.ts`), since only the
 * source is in the repository.
 */
function sourceOf(named: string): string[] {
  const built = /^(.*?)dist\/(.*)\.js$/.exec(named);
  if (!built) return [named];
  return [`${built[1]}src/${built[2]}.ts`, `${built[1]}src/${built[2]}.mts`, `${built[1]}src/${built[2]}.tsx`];
}

/** Whether `named` (a path in a document at `file`) exists, read from the document's folder or the repository root. */
function exists(repoRoot: string, file: string, named: string): boolean {
  const clean = named.replace(/^\.\//, '').replace(/\/$/, '');
  const bases = [path.dirname(file), '.'];
  return bases.some((base) => sourceOf(clean).some((candidate) => existsSync(path.join(repoRoot, base, candidate))));
}

/** Words of a code span or a code block that look like repository paths, with the line each is on. */
function pathClaims(
  repoRoot: string,
  file: string,
  text: string,
  line: number,
  roots: Set<string>,
): { named: string; line: number }[] {
  const here = path.join(repoRoot, path.dirname(file));
  const claims: { named: string; line: number }[] = [];
  text.split('\n').forEach((row, offset) => {
    for (const word of row.split(/[\s=]+/)) {
      const named = word.replace(/^[('"]+/, '').replace(/[)'",;:.]+$/, '');
      if (!PATH_LIKE.test(named)) continue;
      const segments = named.replace(/^\.\//, '').split('/');
      if (segments.some((segment) => RUN_TIME.has(segment))) continue; // made by a run or a build, not committed
      const first = segments[0];
      if (roots.has(first) || existsSync(path.join(here, first))) claims.push({ named, line: line + offset });
    }
  });
  return claims;
}

/** Links to nothing, anchors to no heading, paths that do not exist, and `npm run` scripts package.json lacks. */
export function staleClaims(repoRoot: string, files: MarkdownFile[]): DocProblem[] {
  const scripts = new Set(
    Object.keys((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: object }).scripts),
  );
  const roots = topLevel(repoRoot);
  const parsed = new Map(files.map(({ file, text }) => [file, parse(text)]));
  const anchorsOf = (target: string): Set<string> | undefined => {
    const known = parsed.get(target);
    if (known) return known.anchors;
    const full = path.join(repoRoot, target);
    return existsSync(full) && statSync(full).isFile() ? parse(readFileSync(full, 'utf8')).anchors : undefined;
  };
  const problems: DocProblem[] = [];

  for (const { file, text } of files) {
    const { tokens } = parsed.get(file)!;
    const report = (line: number, problem: string) => problems.push({ file, line, problem });

    const checkLink = (href: string, line: number) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return; // https:, mailto:
      const [target, anchor] = href.split('#') as [string, string | undefined];
      const resolved = target
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target)))
        : file;
      if (resolved.startsWith('..') || !existsSync(path.join(repoRoot, resolved))) {
        report(line, `links to ${href}, which does not exist`);
        return;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved)?.has(decodeURI(anchor)))
        report(line, `links to ${href}: ${resolved} has no heading with the anchor #${anchor}`);
    };

    for (const { token, line } of inlines(tokens)) {
      for (const child of token.children ?? []) {
        if (child.type === 'link_open') checkLink(child.attrGet('href') ?? '', line);
        if (child.type === 'image') checkLink(child.attrGet('src') ?? '', line);
        if (child.type === 'code_inline')
          for (const claim of pathClaims(repoRoot, file, child.content, line, roots))
            if (!exists(repoRoot, file, claim.named)) report(claim.line, `names ${claim.named}, which does not exist`);
      }
      for (const match of token.content.matchAll(/<a\s[^>]*href="([^"]+)"/g)) checkLink(match[1], line);
    }
    for (const token of tokens) {
      if (token.type !== 'fence' && token.type !== 'code_block') continue;
      for (const claim of pathClaims(repoRoot, file, token.content, token.map![0] + 2, roots))
        if (!exists(repoRoot, file, claim.named)) report(claim.line, `names ${claim.named}, which does not exist`);
    }

    text.split('\n').forEach((row, i) => {
      for (const match of row.matchAll(/\bnpm run(?:\s+(?:-s|--silent))?\s+([A-Za-z][\w:.-]*)/g))
        if (!scripts.has(match[1]))
          report(i + 1, `tells people to run \`npm run ${match[1]}\`, not a script of package.json`);
    });
  }
  return problems;
}

/** How many words in a row make a passage that must not be written twice (about 200 characters of prose). */
export const DUPLICATE_WORDS = 30;

/**
 * Passages written twice: every run of `DUPLICATE_WORDS` words (markup, case and line breaks ignored, code blocks
 * left out) that appears in two documents, or twice in one, is reported once per place it repeats.
 */
export function duplicatePassages(files: MarkdownFile[], words = DUPLICATE_WORDS): DocProblem[] {
  const seen = new Map<string, { file: string; index: number; line: number }>();
  const problems: DocProblem[] = [];
  for (const { file, text } of files) {
    const sequence: { word: string; line: number }[] = [];
    for (const { token, line } of inlines(md.parse(text, {}))) {
      token.content.split('\n').forEach((row, offset) => {
        for (const word of row.replace(/[`*|]/g, ' ').toLowerCase().split(/\s+/).filter(Boolean))
          sequence.push({ word, line: line + offset });
      });
    }
    let reportedUntil = -1;
    for (let index = 0; index + words <= sequence.length; index++) {
      const passage = sequence
        .slice(index, index + words)
        .map((w) => w.word)
        .join(' ');
      const first = seen.get(passage);
      if (!first) {
        seen.set(passage, { file, index, line: sequence[index].line });
        continue;
      }
      if (first.file === file && index < first.index + words) continue; // overlaps itself (a repeated word)
      if (index > reportedUntil)
        problems.push({
          file,
          line: sequence[index].line,
          problem: `repeats ${first.file}:${first.line}: "${passage.slice(0, 100)}…"`,
        });
      reportedUntil = index + words;
    }
  }
  return problems;
}

/** Where each process's variables are declared (zod schemas) and the document that must describe them. */
export const CONFIGURATION_DOCS: readonly { doc: string; sources: readonly string[] }[] = [
  {
    doc: 'docs/configuration.md',
    sources: [
      'libs/platform/src/config/config.ts',
      'libs/platform/src/lifecycle/graceful-shutdown.ts',
      'libs/platform/src/demo/run-demo-loader.ts',
    ],
  },
  ...['organization', 'services', 'facilities', 'deliberation'].map((name) => ({
    doc: `services/${name}/README.md`,
    sources: [`services/${name}/src/config.ts`],
  })),
  {
    doc: 'gateway/README.md',
    sources: [
      'gateway/src/config.ts',
      'gateway/src/auth/auth.config.ts',
      'libs/platform/src/lifecycle/graceful-shutdown.ts',
    ],
  },
  { doc: 'apps/console/README.md', sources: ['apps/console/server/config.ts'] },
];

/** A declared variable and its default as the schema writes it on the same line (`.default(10_000)`), if literal. */
interface Declared {
  name: string;
  default?: string;
}

/** The variables a configuration source declares: the keys of its schema objects, and the gateway's `<NAME>_URL`s. */
export function declaredVariables(source: string): Declared[] {
  const declared: Declared[] = [];
  for (const match of source.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):(.*)$/gm)) {
    const literal = /\.default\((-?[\d_.]+|true|false|'[^']*')\)/.exec(match[2])?.[1];
    declared.push({ name: match[1], default: literal?.replace(/^'|'$/g, '').replace(/(\d)_(\d)/g, '$1$2') });
  }
  // The gateway's subgraph URLs: a map of name → default URL, each read from `<NAME>_URL`.
  const urls = /SUBGRAPH_DEFAULT_URLS[^{]*\{([^}]*)\}/.exec(source)?.[1] ?? '';
  for (const match of urls.matchAll(/^\s+'?([a-z][\w-]*)'?:\s*'([^']+)'/gm))
    declared.push({ name: `${match[1].toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`, default: match[2] });
  return declared;
}

/** Rows of the document's tables: the variables named in the first cell and the first literal of the second. */
function variableRows(text: string): { names: string[]; default?: string; line: number }[] {
  const tokens = md.parse(text, {});
  const rows: { names: string[]; default?: string; line: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'tr_open') continue;
    const line = (tokens[i].map?.[0] ?? 0) + 1;
    const cells: string[] = [];
    for (i++; tokens[i].type !== 'tr_close'; i++) if (tokens[i].type === 'inline') cells.push(tokens[i].content);
    const names = [...(cells[0] ?? '').matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]);
    if (names.length) rows.push({ names, default: /^`([^`]+)`/.exec(cells[1] ?? '')?.[1], line });
  }
  return rows;
}

/**
 * Configuration documents that drifted from the code: a declared variable its document never names, a variable in a
 * document's table that no schema declares, or a default in the table that is not the schema's. OpenTelemetry's
 * `OTEL_*` are read by the SDK, not by our schemas, and are left out.
 */
export function configurationDrift(repoRoot: string): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const { doc, sources } of CONFIGURATION_DOCS) {
    const text = readFileSync(path.join(repoRoot, doc), 'utf8');
    const declared = new Map(
      sources
        .flatMap((source) => declaredVariables(readFileSync(path.join(repoRoot, source), 'utf8')))
        .map((d) => [d.name, d] as const),
    );
    for (const { name } of declared.values())
      if (!text.includes(`\`${name}\``))
        problems.push({ file: doc, line: 1, problem: `never names ${name}, which ${sources.join(' / ')} declares` });
    for (const row of variableRows(text)) {
      for (const name of row.names.filter((n) => !n.startsWith('OTEL_')))
        if (!declared.has(name))
          problems.push({
            file: doc,
            line: row.line,
            problem: `lists ${name}, which ${sources.join(' / ')} does not declare`,
          });
      const only = row.names.length === 1 ? declared.get(row.names[0]) : undefined;
      if (only?.default !== undefined && row.default !== undefined && row.default !== only.default)
        problems.push({
          file: doc,
          line: row.line,
          problem: `gives ${only.name} the default ${row.default}; the code's is ${only.default}`,
        });
    }
  }
  return problems;
}
