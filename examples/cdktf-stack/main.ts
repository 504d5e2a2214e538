/**
 * Synthesizes the example stack with plain node (no cdktf-cli): `npm run synth` compiles this
 * folder and runs dist/main.js, which writes cdktf.out/stacks/quayside-example/cdk.tf.json here.
 */
import { App } from 'cdktf'
import { fileURLToPath } from 'node:url'
import { ExampleStack, STACK_NAME } from './stack.js'

const outdir = fileURLToPath(new URL('../cdktf.out', import.meta.url))
const app = new App({ outdir })
new ExampleStack(app, STACK_NAME)
app.synth()
process.stdout.write(`synthesized ${outdir}/stacks/${STACK_NAME}/cdk.tf.json\n`)
