import { Image, View } from '@tarojs/components'
import { useState } from 'react'
import { maxPhotosPerItem, type Photo } from '../../../types/photos'
import { ApiCallError } from '../../services/api'
import { choosePhotos, photoSrc, uploadPhoto } from '../../services/photo-upload'
import { ariaRole, focusable } from '../../utils/a11y'
import './index.css'

interface PhotoPickerProps {
  /** The uploaded photos, in order; the form that shows the picker keeps them (in its draft). */
  value: Photo[]
  onChange: (photos: Photo[]) => void
  max?: number
  /** Told when uploads start and end, so the form can wait before it sends. */
  onBusyChange?: (busy: boolean) => void
}

/** A chooser closed without picking: no error to show. */
const cancelled = (error: unknown) => /cancel/i.test(String((error as { errMsg?: string })?.errMsg))

/**
 * Up to `max` photos for what a villager writes (a suggestion, a progress report): chosen from
 * the album or the camera, compressed and uploaded at once, shown as thumbnails each with a
 * 删除 button, and with what the content check said about each.
 */
export default function PhotoPicker(props: PhotoPickerProps) {
  const { value, onChange, max = maxPhotosPerItem, onBusyChange } = props
  const [uploading, setUploading] = useState(0)
  const [error, setError] = useState<string | null>(null)
  // The mini-program shows a 云存储 photo from the file it picked (it comes back without an
  // address); H5 shows the gateway's address (its blob: ones are outside the page's policy).
  const [localPaths, setLocalPaths] = useState<Record<string, string>>({})
  const room = max - value.length - uploading

  async function add() {
    setError(null)
    let picked
    try {
      picked = await choosePhotos(room)
    } catch (caught) {
      if (!cancelled(caught)) setError('没有打开相册，请再试一次')
      return
    }
    const chosen = picked.slice(0, room)
    if (chosen.length === 0) return
    setUploading((count) => count + chosen.length)
    onBusyChange?.(true)
    let photos = value
    // One after another: weak village 4G does better with one upload at a time.
    for (const item of chosen) {
      try {
        const photo = await uploadPhoto(item)
        photos = [...photos, photo]
        onChange(photos)
        if (process.env.TARO_ENV === 'weapp') {
          setLocalPaths((paths) => ({ ...paths, [photo.id]: item.path }))
        }
      } catch (caught) {
        setError(caught instanceof ApiCallError ? caught.message : '照片没有传上去，请再试一次')
      } finally {
        setUploading((count) => count - 1)
      }
    }
    onBusyChange?.(false)
  }

  return (
    <View className="photo-picker">
      <View className="photo-picker__hint">
        照片（选填，最多 {max} 张），已选 {value.length} 张
      </View>
      <View className="photo-picker__grid">
        {value.map((photo, index) => {
          const src = photoSrc(photo) ?? localPaths[photo.id] ?? null
          return (
            <View key={photo.id} className="photo-picker__item">
              {src ? (
                <Image
                  className="photo-picker__thumb"
                  src={src}
                  mode="aspectFill"
                  aria-label={`第 ${index + 1} 张照片`}
                />
              ) : (
                <View className="photo-picker__thumb photo-picker__thumb--empty">照片</View>
              )}
              {photo.checkNote ? (
                <View
                  className={
                    photo.check === 'risky'
                      ? 'photo-picker__note photo-picker__note--refused'
                      : 'photo-picker__note'
                  }
                >
                  {photo.checkNote}
                </View>
              ) : null}
              <View
                className="photo-picker__remove"
                {...ariaRole('button')}
                {...focusable()}
                aria-label={`删除第 ${index + 1} 张照片`}
                hoverClass="photo-picker__remove--pressed"
                onClick={() => onChange(value.filter((other) => other.id !== photo.id))}
              >
                删除
              </View>
            </View>
          )
        })}
        {Array.from({ length: uploading }, (_, index) => (
          <View key={`uploading-${index}`} className="photo-picker__item">
            <View className="photo-picker__thumb photo-picker__thumb--empty">上传中…</View>
          </View>
        ))}
        {room > 0 ? (
          <View
            className="photo-picker__add"
            {...ariaRole('button')}
            {...focusable()}
            hoverClass="photo-picker__add--pressed"
            onClick={() => void add()}
          >
            ＋ 添加照片
          </View>
        ) : null}
      </View>
      {error ? (
        <View className="photo-picker__error" {...ariaRole('alert')}>
          {error}
        </View>
      ) : null}
    </View>
  )
}
