import { loadApiSpec, loadSpec } from '@quayside/openapi'
import t from 'tap'
import {
  API_ERRORS,
  EcsServerError,
  errors,
  isServiceError,
  MODELED_ERRORS,
  PROTOCOL_ERRORS,
  secretsManagerErrors,
  serverFault,
  ServiceError,
  ssmErrors,
} from '../src/errors.js'

const spec = loadSpec()
const specErrors = Object.entries(spec.components.schemas)
  .filter(([, schema]) => schema['x-amz-error'] !== undefined)
  .map(([name, schema]) => ({
    name,
    status: (schema['x-amz-error'] as { httpStatus: number }).httpStatus,
  }))

t.test('the catalogue equals the spec error components, both ways', t => {
  t.equal(specErrors.length, 30)
  for (const { name, status } of specErrors) {
    t.equal(
      MODELED_ERRORS[name as keyof typeof MODELED_ERRORS],
      status,
      `${name} in the catalogue with ${status}`,
    )
  }
  for (const name of Object.keys(MODELED_ERRORS)) {
    t.ok(
      specErrors.some(e => e.name === name),
      `${name} is in the spec`,
    )
  }
  for (const name of Object.keys(PROTOCOL_ERRORS)) {
    t.notOk(name in spec.components.schemas, `${name} is a protocol error, not modeled`)
  }
  t.end()
})

t.test('every factory makes a ServiceError of a catalogued shape', t => {
  const made = [
    errors.clusterNotFound(),
    errors.invalidParameter('x'),
    errors.client('x'),
    errors.server(),
    errors.unsupported('RunTask'),
    errors.clusterContainsInstances(),
    errors.clusterContainsServices(),
    errors.clusterContainsTasks(),
    errors.targetNotFound('x'),
    errors.attributeLimit('x'),
    errors.resourceNotFound('x'),
    errors.limitExceeded('x'),
    errors.missingToken(),
    errors.incompleteSignature('x'),
    errors.unrecognizedClient(),
    errors.invalidSignature('x'),
    errors.unknownOperation('x'),
    errors.serialization('x'),
    errors.validation('x'),
    errors.accessDenied('arn:aws:iam::000000000000:root', 'ecs:RunTask', '*', false),
    errors.throttling(),
  ]
  for (const error of made) {
    t.ok(isServiceError(error))
    const expected = ({ ...MODELED_ERRORS, ...PROTOCOL_ERRORS } as Record<string, number>)[
      error.shapeName
    ]
    t.equal(error.httpStatus, expected, error.shapeName)
    t.same(error.toJSON(), { __type: error.shapeName, message: error.message })
  }
  t.equal(errors.server().httpStatus, 500)
  t.equal(errors.missingToken().httpStatus, 403)
  t.match(errors.unsupported('RunTask').message, /RunTask/)
  const conflict = new ServiceError('ConflictException', 'c', { resourceIds: ['a'] })
  t.same(conflict.toJSON(), { __type: 'ConflictException', message: 'c', resourceIds: ['a'] })
  t.notOk(isServiceError(new Error('x')))
  t.notOk(isServiceError(null))
  const fault = new EcsServerError('ECS_SRV_CONFIG', 'bad')
  t.equal(fault.code, 'ECS_SRV_CONFIG')
  t.equal(fault.name, 'EcsServerError')
  t.end()
})

t.test("the other APIs' errors equal their specs' error components, with their faults", t => {
  for (const [api, table] of Object.entries(API_ERRORS)) {
    const apiSpec = loadApiSpec(api as keyof typeof API_ERRORS)
    const want = Object.fromEntries(
      Object.entries(apiSpec.components.schemas)
        .filter(([, schema]) => schema['x-amz-error'] !== undefined)
        .map(([name, schema]) => [
          name,
          (schema['x-amz-error'] as { httpStatus: number }).httpStatus,
        ]),
    )
    t.same(table, want, api)
    const fault = serverFault(`${api}:AnyOperation`)
    t.equal(want[fault.shapeName], 500, `${api}'s fault ${fault.shapeName} is a 500`)
  }
  t.equal(serverFault('RunTask').shapeName, 'ServerException', 'ECS keeps ServerException')
  t.equal(serverFault(undefined).shapeName, 'ServerException')
  t.same(serverFault('secretsmanager:GetSecretValue').toJSON(), {
    __type: 'InternalServiceError',
    Message: 'Internal server error.',
  })
  t.same(ssmErrors.parameterNotFound('/a').toJSON(), {
    __type: 'ParameterNotFound',
    message: 'Parameter /a not found.',
  })
  t.equal(ssmErrors.parameterNotFound('/a').httpStatus, 400)
  t.same(secretsManagerErrors.resourceNotFound().toJSON(), {
    __type: 'ResourceNotFoundException',
    Message: "Secrets Manager can't find the specified secret.",
  })
  t.end()
})
