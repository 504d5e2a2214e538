/**
 * Task `volumes` and a container's `mountPoints` / `volumesFrom` into Docker binds and mounts.
 *
 * - `host.sourcePath` → a bind (`Binds`, so Docker creates a missing host directory as it does for
 *   `docker run -v`).
 * - `dockerVolumeConfiguration`, or a volume with neither (ECS's "Docker-managed" volume) → a named
 *   Docker volume (`Mounts`, which carries the driver and its options). Scope `shared` uses the
 *   volume's own name, so every task on the host sees the same data; scope `task` (the default)
 *   names it `ecs-<task id>-<volume name>`, shared by the containers of one task only, and labels
 *   it with the task ARN so it can be found later. Docker creates a missing volume on first use,
 *   so `autoprovision: false` is not enforced.
 * - EFS, FSx and configured-at-launch volumes cannot be provided here: mounting one fails the task.
 */
import { InvalidTaskError, TaskUnsupportedError } from '../errors.js'
import {
  taskIdOf,
  type ContainerDefinition,
  type EngineTask,
  type Volume,
} from '../task-definition.js'
import { TASK_ARN_LABEL } from './identity.js'
import type { DockerMount } from './runtime.js'

export interface DockerVolumes {
  readonly Binds: string[]
  readonly Mounts: DockerMount[]
  readonly VolumesFrom: string[]
}

function findVolume(task: EngineTask, name: string | undefined, container: string): Volume {
  const volume = task.definition.volumes?.find(v => v.name === name)
  if (name === undefined || !volume) {
    throw new InvalidTaskError(
      `container ${container}: mount point names volume ${String(name)}, which the task does not define`,
    )
  }
  return volume
}

function volumeMount(
  task: EngineTask,
  volume: Volume,
  target: string,
  readOnly: boolean,
): DockerMount {
  const config = volume.dockerVolumeConfiguration ?? {}
  const name = volume.name ?? ''
  const shared = config.scope === 'shared'
  const labels: Record<string, string> = { ...config.labels }
  if (!shared) labels[TASK_ARN_LABEL] = task.arn
  return {
    Type: 'volume',
    Source: shared ? name : `ecs-${taskIdOf(task.arn)}-${name}`,
    Target: target,
    ReadOnly: readOnly,
    VolumeOptions: {
      DriverConfig: {
        Name: config.driver ?? 'local',
        ...(config.driverOpts ? { Options: { ...config.driverOpts } } : {}),
      },
      Labels: labels,
    },
  }
}

/**
 * The Docker volumes the task owns (scope `task`, default): `ecs-<task id>-<name>` for each such
 * volume of the definition, to be removed with the task's containers at cleanup. Binds, shared
 * volumes and the volume kinds quayside refuses are not the task's to remove.
 */
export function taskVolumeNames(task: EngineTask): string[] {
  return (task.definition.volumes ?? []).flatMap(volume => {
    const config = volume.dockerVolumeConfiguration
    const bind = volume.host?.sourcePath !== undefined && config === undefined
    const foreign =
      volume.efsVolumeConfiguration !== undefined ||
      volume.fsxWindowsFileServerVolumeConfiguration !== undefined ||
      volume.configuredAtLaunch === true
    if (bind || foreign || config?.scope === 'shared' || volume.name === undefined) return []
    return [`ecs-${taskIdOf(task.arn)}-${volume.name}`]
  })
}

/**
 * The binds, mounts and `VolumesFrom` for `container`. `dockerNames` maps each container name of
 * the task to its Docker name (all are chosen before the first create, so a `volumesFrom` source
 * can be named before it exists).
 */
export function dockerVolumes(
  task: EngineTask,
  container: ContainerDefinition,
  dockerNames: ReadonlyMap<string, string>,
): DockerVolumes {
  const Binds: string[] = []
  const Mounts: DockerMount[] = []
  for (const mountPoint of container.mountPoints ?? []) {
    const volume = findVolume(task, mountPoint.sourceVolume, container.name)
    const target = mountPoint.containerPath
    if (typeof target !== 'string' || !target.startsWith('/')) {
      throw new InvalidTaskError(
        `container ${container.name}: containerPath ${String(target)} of volume ${String(volume.name)} is not an absolute path`,
      )
    }
    const readOnly = mountPoint.readOnly === true
    if (volume.efsVolumeConfiguration !== undefined) {
      throw new TaskUnsupportedError(`volume ${String(volume.name)}: EFS volumes are not supported`)
    }
    if (volume.fsxWindowsFileServerVolumeConfiguration !== undefined) {
      throw new TaskUnsupportedError(`volume ${String(volume.name)}: FSx volumes are not supported`)
    }
    if (volume.configuredAtLaunch === true) {
      throw new TaskUnsupportedError(
        `volume ${String(volume.name)}: volumes configured at launch are not supported`,
      )
    }
    const sourcePath = volume.host?.sourcePath
    if (sourcePath !== undefined && volume.dockerVolumeConfiguration === undefined) {
      Binds.push(`${sourcePath}:${target}${readOnly ? ':ro' : ''}`)
    } else {
      Mounts.push(volumeMount(task, volume, target, readOnly))
    }
  }
  const VolumesFrom = (container.volumesFrom ?? []).map(from => {
    const source =
      from.sourceContainer === undefined ? undefined : dockerNames.get(from.sourceContainer)
    if (source === undefined) {
      throw new InvalidTaskError(
        `container ${container.name}: volumesFrom names container ${String(from.sourceContainer)}, which the task does not define`,
      )
    }
    return from.readOnly === true ? `${source}:ro` : source
  })
  return { Binds, Mounts, VolumesFrom }
}
