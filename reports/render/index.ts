/**
 * The renderings of a compliance report: pure functions of the validated model, one file each.
 */
import type { ComplianceReport } from '../model.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderHtml } from './html.js';
// @renderer-imports

export type Format = 'json' | 'junit' | 'markdown' | 'html';

export interface Renderer {
  /** File name the CLI writes it to inside --report <dir>. */
  file: string;
  render(report: ComplianceReport): string;
}

export const RENDERERS: Partial<Record<Format, Renderer>> = {
  json: { file: 'report.json', render: renderJson },
  junit: { file: 'report.junit.xml', render: renderJunit },
  markdown: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
  // @renderers
};
