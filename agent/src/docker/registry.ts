/**
 * The registry an image reference pulls from, as Docker reads a reference: the part before the
 * first `/` when it looks like a host (has a `.` or a `:`, or is `localhost`), else Docker Hub.
 * Pure; the pull's login (X-Registry-Auth) names it as `serveraddress`.
 */
export const DOCKER_HUB = 'https://index.docker.io/v1/'

export function registryOf(image: string): string {
  const slash = image.indexOf('/')
  if (slash < 0) return DOCKER_HUB
  const first = image.slice(0, slash)
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : DOCKER_HUB
}
