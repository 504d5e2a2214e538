import { loadSpec } from '@quayside/openapi'
import t from 'tap'
import { createValidators, fieldName, type SpecDocument } from '../../src/validation/validator.js'

const validatorFor = createValidators(loadSpec())

t.test('errors name the field and pick the ECS-shaped type', t => {
  const cases: { op: string; input: unknown; type?: string; message?: RegExp }[] = [
    { op: 'CreateCluster', input: {} },
    { op: 'CreateCluster', input: { clusterName: 'x', unknownMember: 1 } },
    {
      op: 'CreateCluster',
      input: { clusterName: 1 },
      type: 'SerializationException',
      message: /^clusterName must be of type string/,
    },
    {
      op: 'DescribeClusters',
      input: { clusters: 'x' },
      type: 'SerializationException',
      message: /clusters must be of type array/,
    },
    {
      op: 'DescribeTaskDefinition',
      input: {},
      type: 'InvalidParameterException',
      message: /^taskDefinition is required/,
    },
    {
      op: 'ListClusters',
      input: { maxResults: 1.5 },
      type: 'SerializationException',
      message: /maxResults/,
    },
    {
      op: 'ListTaskDefinitions',
      input: { sort: 'SIDEWAYS' },
      type: 'InvalidParameterException',
      message: /^sort must be one of: ASC, DESC/,
    },
    {
      op: 'RegisterTaskDefinition',
      input: {
        family: 'f',
        containerDefinitions: [{ name: 'a', portMappings: [{ protocol: 'sctp' }] }],
      },
      type: 'InvalidParameterException',
      message: /containerDefinitions\[0\]\.portMappings\[0\]\.protocol must be one of/,
    },
    {
      op: 'CreateCluster',
      input: { tags: Array.from({ length: 51 }, () => ({ key: 'k' })) },
      type: 'InvalidParameterException',
      message: /^tags must NOT have more than 50 items/,
    },
  ]
  for (const { op, input, type, message } of cases) {
    const error = validatorFor(op)(input)
    if (type === undefined && message === undefined)
      t.equal(error, undefined, `${op} ${JSON.stringify(input)} is valid`)
    else t.match(error, { shapeName: type, message }, `${op} ${JSON.stringify(input).slice(0, 40)}`)
  }
  t.end()
})

t.test('fieldName', t => {
  t.equal(fieldName(''), 'the request body')
  t.equal(fieldName('', 'cluster'), 'cluster')
  t.equal(fieldName('/a~1b/0/c~0d'), 'a/b[0].c~d')
  t.end()
})

t.test('a spec without the operation is refused', t => {
  const empty: SpecDocument = { paths: {}, components: { schemas: {} } }
  t.throws(() => createValidators(empty)('CreateCluster'), { code: 'ECS_SRV_SPEC' })
  t.end()
})
