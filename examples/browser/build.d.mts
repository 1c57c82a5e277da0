/** Bundles `main.js` of `srcDir` into `outDir/app.js` beside `index.html`; resolves to its bytes. */
export function buildExample(srcDir: string, outDir: string): Promise<number>;
