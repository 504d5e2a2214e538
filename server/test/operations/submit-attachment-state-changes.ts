import { SubmitAttachmentStateChangesCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { clusterWithAgent } from '../fixtures/cluster.js'

t.test('attachment reports are acknowledged', async t => {
  const { ecs, cluster } = await clusterWithAgent(t)
  const answer = await ecs.send(
    new SubmitAttachmentStateChangesCommand({
      cluster,
      attachments: [{ attachmentArn: 'x', status: 'ATTACHED' }],
    }),
  )
  t.equal(answer.acknowledgment, 'ACK')
})
