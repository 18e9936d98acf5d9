import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { FieldError } from '../../../types/validation'
import { ariaRole } from '../../utils/a11y'
import { scrollToElement } from '../../utils/motion'
import './index.css'

/** The DOM id of a form field's wrapper, from its dotted payload path. */
export function fieldDomId(field: string): string {
  return `field-${field.replace(/\./g, '-') || 'form'}`
}

/** Brings the field at fault into view, so a long form never hides its own error. */
export function scrollToField(field: string): void {
  scrollToElement(`#${fieldDomId(field)}`, -80)
}

interface FieldMessageProps {
  error: FieldError | null
  /** Shown when the error's field is exactly this path. */
  field: string
}

/** The validation message of one field, next to it, in words. */
export default function FieldMessage({ error, field }: FieldMessageProps) {
  if (!error || error.field !== field) return null
  return (
    <View className="field-message" {...ariaRole('alert')}>
      {error.message}
    </View>
  )
}

interface FormFieldProps {
  /** The form's own class block: the wrapper gets it, the label `<block>__label`. */
  block: string
  label: string
  field: string
  error: FieldError | null
  children: ReactNode
}

/** One labelled field of a form, with its message, scrolled to by `scrollToField`. */
export function FormField({ block, label, field, error, children }: FormFieldProps) {
  return (
    <View className={block} id={fieldDomId(field)}>
      <View className={`${block}__label`}>{label}</View>
      {children}
      <FieldMessage error={error} field={field} />
    </View>
  )
}
