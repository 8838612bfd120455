/** @module authz: authentication of tokens, impersonation, RBAC authorization and the review resources. */
export * from './api-authz.js'
export * from './bootstrap-roles.js'
export { forbiddenError, forbiddenMessage } from './forbidden-error.js'
export { RbacAuthorizer, type Decision, type UserRules } from './rbac-authorizer.js'
export { requestAttributes, type RequestAttributes } from './request-attributes.js'
export type { PolicyRule } from './policy-rule.js'
export * from './user-info.js'
export { storeBootstrapPolicy } from './store-bootstrap-policy.js'
