/**
 * The routes of a built app, read from `app.printRoutes()` (fastify's radix tree, one node per line): an
 * enumeration independent of the onRoute hook the OpenAPI plugin uses, so a fault in either shows.
 */
import type { FastifyInstance } from 'fastify';

export interface PrintedRoute {
  url: string;
  methods: string[];
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

export function printedRoutes(app: FastifyInstance): PrintedRoute[] {
  const stack: string[] = [];
  const out: PrintedRoute[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]) out.push({ url: stack.join(''), methods: m[3].split(', ') });
  }
  return out;
}
