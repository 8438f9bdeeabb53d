import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** `web/` of the package: two levels up from `src/server/` and from `dist/server/` alike. */
const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** chart.js from the installed package (its `exports` hide `dist/`, so go through its main file). */
function chartJsPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
}

const ASSETS: Readonly<Record<string, { path: () => string; type: string }>> = {
  'style.css': { path: () => join(WEB_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  'app.js': { path: () => join(WEB_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'chart.umd.js': { path: chartJsPath, type: 'text/javascript; charset=utf-8' },
};

/** The dashboard page at `/` and its assets at `/assets/*`, read once and kept in memory. */
export function registerDashboardRoutes(app: FastifyInstance): void {
  const cache = new Map<string, Promise<Buffer>>();
  const load = (key: string, path: () => string) => {
    let found = cache.get(key);
    if (!found) {
      found = readFile(path());
      // A failed read is tried again on the next request rather than cached.
      found.catch(() => cache.delete(key));
      cache.set(key, found);
    }
    return found;
  };

  app.get('/', async (_request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
    return load('index.html', () => join(WEB_DIR, 'index.html'));
  });

  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) {
      return reply
        .status(404)
        .send({ error: { code: 'http.not_found', message: `no asset ${request.params.name}` } });
    }
    reply.type(asset.type).header('cache-control', 'no-cache');
    return load(request.params.name, asset.path);
  });
}
