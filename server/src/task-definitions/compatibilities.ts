import type { TaskSize } from './sizing.js'
import type { Compatibility, RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { clientError, type TaskDefinitionCheck } from './check.js'

/** Fargate's task sizes: CPU units -> the memory values (MiB) allowed with it. */
const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, steps(1024, 4096, 1024)],
  [1024, steps(2048, 8192, 1024)],
  [2048, steps(4096, 16_384, 1024)],
  [4096, steps(8192, 30_720, 1024)],
  [8192, steps(16_384, 61_440, 4096)],
  [16_384, steps(32_768, 122_880, 8192)],
])

function steps(from: number, to: number, by: number): number[] {
  const values: number[] = []
  for (let v = from; v <= to; v += by) values.push(v)
  return values
}

/**
 * Why a definition cannot run on Fargate, or `undefined` if it can. Checked: awsvpc networking,
 * task-level cpu and memory forming one of Fargate's sizes, pidMode not `host`, no privileged
 * containers, no host or Docker volumes. (Fargate refuses more than this; these are the ones a
 * definition shows.)
 */
export function fargateProblem(
  input: RegisterTaskDefinitionRequest,
  size: TaskSize,
): string | undefined {
  if (input.networkMode !== 'awsvpc') return "Fargate only supports network mode 'awsvpc'."
  if (size.cpu === undefined) return "Fargate requires that 'cpu' be defined at the task level."
  if (size.memory === undefined)
    return "Fargate requires that 'memory' be defined at the task level."
  if (!(FARGATE_SIZES.get(size.cpu) ?? []).includes(size.memory)) {
    return `No Fargate configuration exists for given values: ${size.cpu} CPU, ${size.memory} memory.`
  }
  if (input.pidMode === 'host') {
    return "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'."
  }
  if (input.containerDefinitions.some(c => c.privileged === true)) {
    return 'Fargate does not support privileged containers.'
  }
  if (
    (input.volumes ?? []).some(
      v => v.host?.sourcePath !== undefined || v.dockerVolumeConfiguration !== undefined,
    )
  ) {
    return 'Fargate does not support host volumes with a sourcePath or Docker volume configurations.'
  }
  return undefined
}

/**
 * The `compatibilities` ECS computes: EC2 and EXTERNAL always (quayside places those on its own
 * instances), FARGATE when {@link fargateProblem} finds nothing. Every `requiresCompatibilities`
 * value must be among them; a FARGATE requirement that fails answers with the Fargate reason.
 */
export function checkCompatibilities(
  input: RegisterTaskDefinitionRequest,
  size: TaskSize,
): TaskDefinitionCheck<Compatibility[]> {
  const problem = fargateProblem(input, size)
  const compatibilities: Compatibility[] =
    problem === undefined ? ['EC2', 'EXTERNAL', 'FARGATE'] : ['EC2', 'EXTERNAL']
  for (const required of input.requiresCompatibilities ?? []) {
    if (compatibilities.includes(required)) continue
    return clientError(
      required === 'FARGATE' && problem !== undefined
        ? problem
        : `Task definition does not support requiresCompatibilities ${required}: quayside runs EC2, EXTERNAL and FARGATE-compatible task definitions.`,
    )
  }
  return { ok: true, value: compatibilities }
}
