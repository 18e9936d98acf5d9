/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

// Optional so that node code (cloud/, tests) can build env objects; in client bundles the build
// always replaces them (see config/index.ts).
declare namespace NodeJS {
  interface ProcessEnv {
    /** 当前构建的平台 */
    TARO_ENV?: 'weapp' | 'h5'
    /** How the client reaches the API: HTTP (h5, default) or wx.cloud.callFunction (weapp default). */
    TARO_APP_API_TRANSPORT?: 'http' | 'cloud'
    /** HTTP API base URL; '' means same origin (h5). */
    TARO_APP_API_BASE?: string
    /** WeChat cloud environment id for wx.cloud.init; '' means the default environment. */
    TARO_APP_CLOUD_ENV?: string
    /** Mini-program appid written into dist/weapp/project.config.json. */
    TARO_APP_ID?: string
  }
}
