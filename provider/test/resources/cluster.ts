/** quayside_cluster's normalisation of settings nobody wrote. */
import t from 'tap'
import { CLUSTER_SETTING_OFF, withoutUnsetSettings } from '../../src/resources/cluster.js'

const settings = [
  { name: 'containerInsights', value: CLUSTER_SETTING_OFF },
  { name: 'other', value: 'enabled' },
]

t.test('a disabled setting the state does not name is left out', t => {
  t.same(withoutUnsetSettings({ settings }, { setting: [] }).settings, [settings[1]])
  t.same(withoutUnsetSettings({ settings }, {}).settings, [settings[1]], 'import: no state yet')
  t.end()
})

t.test('one the state names stays, and so does anything enabled', t => {
  const state = { setting: [{ name: 'containerInsights', value: 'disabled' }] }
  t.same(withoutUnsetSettings({ settings }, state).settings, settings)
  t.same(withoutUnsetSettings({ clusterName: 'x' }, state), { clusterName: 'x' })
  t.end()
})
