import { Text, View } from '@tarojs/components'
import { roleLabels } from '../../../../types/roles'
import type { Persona, PersonaKey } from '../../../../types/session'
import { ariaRole, focusable } from '../../../utils/a11y'
import './index.css'

export interface PersonaPickerProps {
  personas: Persona[]
  /** The persona being signed in as, while its request runs. */
  busyKey: PersonaKey | null
  onPick: (key: PersonaKey) => void
}

/**
 * Roles worth naming besides the card's own: every persona is a villager, so saying so again
 * would only make the cards harder to tell apart.
 */
export function extraRoleLabels(persona: Persona): string[] {
  return persona.roles
    .filter((role) => role !== 'villager' && role !== persona.key)
    .map((role) => roleLabels[role])
}

/** The demo personas as big cards headed by their role (村民, 工作人员 …); tap one to sign in. */
export default function PersonaPicker({ personas, busyKey, onPick }: PersonaPickerProps) {
  return (
    <View className="persona-picker">
      {personas.map((persona) => {
        const extra = extraRoleLabels(persona)
        const busy = busyKey === persona.key
        return (
          <View
            key={persona.key}
            className={`persona-picker__card${busy ? ' persona-picker__card--busy' : ''}`}
            hoverClass="persona-picker__card--pressed"
            {...ariaRole('button')}
            {...focusable()}
            onClick={() => {
              if (!busyKey) onPick(persona.key)
            }}
          >
            <View className="persona-picker__main">
              <Text className="persona-picker__role">{roleLabels[persona.key]}</Text>
              <Text className="persona-picker__who">
                {persona.displayName} · {persona.villageName}
              </Text>
              {extra.length ? (
                <Text className="persona-picker__extra">同时是：{extra.join('、')}</Text>
              ) : null}
            </View>
            <Text className="persona-picker__go">{busy ? '正在进入…' : '进入 ›'}</Text>
          </View>
        )
      })}
    </View>
  )
}
