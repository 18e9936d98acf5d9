/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量, 会影响到最终构建生成产物 */
    NODE_ENV: 'development' | 'production' | 'test'
    /** 当前构建的平台 */
    TARO_ENV: 'weapp' | 'h5'
    /** How the client reaches the API: HTTP (h5, default) or wx.cloud.callFunction (weapp default). */
    TARO_APP_API_TRANSPORT: 'http' | 'cloud'
    /** HTTP API base URL; '' means same origin (h5). */
    TARO_APP_API_BASE: string
    /** WeChat cloud environment id for wx.cloud.init; '' means the default environment. */
    TARO_APP_CLOUD_ENV: string
    /** Mini-program appid written into dist/weapp/project.config.json. */
    TARO_APP_ID?: string
  }
}
