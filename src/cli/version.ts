/**
 * The package version: read once, by the fetch edge (which names wikirev in its User-Agent), and
 * shown by `wikirev --version`.
 */
export { packageVersion } from '../fetch/package-version.js';
