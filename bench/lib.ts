/**
 * The library as its users run it: the build in `dist/` (`npm run bench` builds first), loaded
 * through the package's own barrel. Benches import their functions from here, not from `src/`:
 * tsx transpiles `src/` on the fly with esbuild, and that code ran the diff's word pass about
 * 16 % slower than tsc's output (10 KB rewrite, same process: 137.6 µs against 118.9 µs; measured
 * before the build became esbuild bundles, scripts/build.mjs, and not re-measured since).
 * The types still come from `src/`, so the benches typecheck before a build.
 */
const url = new URL('../dist/index.js', import.meta.url).href;

export const lib: typeof import('../src/index.js') = await import(url);
