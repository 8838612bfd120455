// npm run lab:status — runs scripts/lab-status.ts from the lab's bundle (scripts/bundled.mjs).
import { runBundled } from './bundled.mjs'

await runBundled('lab-status')
