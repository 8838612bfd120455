// npm run lab:up — runs scripts/lab-up.ts from the lab's bundle (scripts/bundled.mjs).
import { runBundled } from './bundled.mjs'

await runBundled('lab-up')
