import type { IPluginContext } from '@tarojs/service'

type ComponentAttributes = Record<string, Record<string, string>>

interface MiniPlatform {
  template?: { mergeComponents(ctx: IPluginContext, patch: ComponentAttributes): void }
}

/**
 * Taro plugin: adds attributes to the components the weapp templates know, with the mechanism
 * Taro's own platform plugins use (template.mergeComponents). The platform calls `onSetupClose`
 * with itself once set up, before it writes the templates. The attributes come as the plugin's
 * options (config/index.ts passes config/weapp-aria-attributes.ts): Taro compiles only this
 * file when it loads the plugin, not what it would import.
 */
export default function weappAriaPlugin(
  ctx: IPluginContext,
  { attributes }: { attributes: ComponentAttributes },
): void {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform: MiniPlatform) {
      platform.template?.mergeComponents(ctx, attributes)
    },
  })
}
