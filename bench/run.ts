// `npm run bench -- <name>` runs one benchmark (or all with no name). Each prints its figures
// next to a baseline measured in the same run, and the ratio between them.
const BENCHES: Record<string, () => Promise<unknown>> = {
  codec: async () => (await import('./codec.js')).runCodecBench(),
  bus: async () => (await import('./bus.js')).runBusBench(),
  lrs: async () => (await import('./lrs.js')).runLrsBench(),
  demo: async () => (await import('./demo.js')).runDemoBench(),
  xapi: async () => (await import('./xapi.js')).runXapiBench(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark ${JSON.stringify(name)}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    break;
  }
  await bench();
}
