import { randomBytes } from 'node:crypto'
import type { ApiResponse } from '../../../types/api'
import type { Photo } from '../../../types/photos'
import type { TestApp } from './harness'

/** Bytes that are a JPEG by their first bytes, as a phone's compressed photo is. */
export const jpeg = () =>
  Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), randomBytes(2000)])

/** What Taro.uploadFile sends: multipart/form-data with the file and the call's requestId. */
export async function upload(
  app: TestApp,
  token: string | null,
  bytes: Buffer,
  requestId?: string,
): Promise<{ status: number; body: ApiResponse<Photo> }> {
  const form = new FormData()
  if (requestId) form.append('requestId', requestId)
  form.append(
    'photo',
    new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }),
    'photo.jpg',
  )
  const response = await fetch(`${app.url}/api/upload`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  })
  return { status: response.status, body: (await response.json()) as ApiResponse<Photo> }
}

export async function uploaded(app: TestApp, token: string, bytes = jpeg()): Promise<Photo> {
  const reply = await upload(app, token, bytes)
  if (!reply.body.ok) throw new Error(`upload failed: ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}
