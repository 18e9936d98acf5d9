import type { z } from 'zod'
import { adminContract } from './admin'
import { ceremonyContract } from './ceremony'
import { ceremonyFilingContract } from './ceremony-filing'
import { councilContract } from './council'
import { membershipContract } from './membership'
import { messagesContract } from './messages'
import { photosContract } from './photos'
import { rulesContract } from './rules'
import { serviceCenterContract, serviceDeskContract } from './service-center'
import { sessionContract } from './session'

/** Every function of the API, each a set of actions. The server and the client both read this. */
export const contract = {
  session: sessionContract,
  rules: rulesContract,
  ceremony: ceremonyContract,
  admin: adminContract,
  messages: messagesContract,
  membership: membershipContract,
  ceremonyFiling: ceremonyFilingContract,
  council: councilContract,
  serviceCenter: serviceCenterContract,
  serviceDesk: serviceDeskContract,
  photos: photosContract,
}

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type Spec<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends {
  input: infer I extends z.ZodType
  output: infer O
}
  ? { input: I; output: O }
  : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<
  Spec<F, A>['input']
>
export type ActionData<F extends FunctionName, A extends ActionName<F>> = z.output<
  Spec<F, A>['input']
>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Spec<F, A>['output']
