// Apart from the schemas in ./messages: the 消息 page asks it without zod.

/** WeChat allows at most 3 template ids in one requestSubscribeMessage dialog. */
export const maxTemplatesPerRequest = 3
