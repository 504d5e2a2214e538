/**
 * Rules of the DAEMON scheduling strategy shared by CreateService and UpdateService: a daemon
 * service runs one task per eligible instance, so it takes no desired count, and ECS refuses
 * one given with this message (InvalidParameterException), even 0.
 */
import { errors } from '../errors.js'

/** ECS's message for a desired count given to a DAEMON service. */
export const DAEMON_DESIRED_COUNT =
  'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again'

/** Throws ECS's InvalidParameterException when a DAEMON service is given a desired count. */
export function checkDaemonDesiredCount(
  strategy: 'REPLICA' | 'DAEMON',
  desiredCount: number | undefined,
): void {
  if (strategy === 'DAEMON' && desiredCount !== undefined)
    throw errors.invalidParameter(DAEMON_DESIRED_COUNT)
}
