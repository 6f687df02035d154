import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './registrations';

/** README.md and every page under docs/, as paths from the repository root. */
export function documents(): string[] {
  const pages = readdirSync(join(repoRoot, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.map((name) => `docs/${name}`)];
}

export const readDocument = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** The ```mermaid blocks of a document, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

/** The text outside fenced code blocks: inline code there is prose, not a command. */
export function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, '');
}

/** The rows of the first table after the `## heading` line, as records keyed by the header cells. */
export function tableUnder(markdown: string, heading: string): Array<Record<string, string>> {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const first = lines.findIndex((line, i) => i > start && line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > first && !line.startsWith('|'));
  const [header, , ...rows] = lines.slice(first, end < 0 ? undefined : end).map(cells);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** A cell without Markdown: `code` and [text](link) become plain text. */
export const plain = (cell: string) => cell.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');

const TOP_LEVEL = new Set(['README.md', 'Dockerfile', 'docker-compose.yml', 'package.json', '.env.example']);
const REPO_PATH = /^(apps|libs|test|infra|k8s|docs|scripts)\/[\w./-]+$/;

/** Is this inline code a path in the repository (a file or a folder)? */
export const isRepoPath = (code: string) => TOP_LEVEL.has(code) || REPO_PATH.test(code);

/** Every inline code span of the prose that names a repository path. */
export function repoPaths(markdown: string): string[] {
  return [...prose(markdown).matchAll(/`([^`\n]+)`/g)].map((match) => match[1]).filter(isRepoPath);
}

/** Relative link targets (not web addresses), resolved from the document's folder; `file` is the document itself for "#anchor". */
export function links(document: string, markdown: string): Array<{ file: string; anchor?: string }> {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [path, anchor] = target.split('#');
      return { file: path ? join(dirname(document), path) : document, anchor };
    });
}

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens. */
export function anchors(markdown: string): string[] {
  return [...prose(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
    match[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
}

/**
 * "`name` in `path`" (or "from"), and "`path` (`name`, `name`)": each name must appear in that file. A dotted name
 * (`Order.recordOutcome`) is looked up by its last part.
 */
export function namesInFiles(markdown: string): Array<{ name: string; path: string }> {
  const text = prose(markdown);
  const pairs = [...text.matchAll(/`([A-Za-z_][\w.]*)`\s+(?:in|from)\s+`([^`\n]+)`/g)].map(([, name, path]) => ({
    name,
    path,
  }));
  for (const [, path, list] of text.matchAll(/`([^`\n]+)`\s+\(([^)]*)\)/g)) {
    for (const [, name] of list.matchAll(/`([A-Za-z_][\w.]*)`/g)) pairs.push({ name, path });
  }
  return pairs.filter(({ path }) => isRepoPath(path));
}

export const exists = (path: string) => existsSync(join(repoRoot, path));
