/**
 * Entry of the Electron main process, bundled to dist/electron/main.cjs by
 * scripts/build-electron.ts. __dirname is that bundle's folder (dist/electron).
 */
import { startApp } from './app';

startApp({ baseDir: __dirname });
