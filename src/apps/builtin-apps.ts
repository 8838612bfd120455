import { apigatewayApp } from './msb/apigateway-app.js'
import { consulApp } from './msb/consul-app.js'
import { discoveryApp } from './msb/discovery-app.js'
import { kube2msbApp } from './msb/kube2msb-app.js'
import { swaggerApp } from './swagger/swagger-app.js'
import type { AppFactory } from './types.js'

/** The built-in apps this folder provides, by the `app.handler` name the behaviour data uses. */
export const BUILTIN_APPS: Readonly<Record<string, AppFactory>> = {
  'msb-consul': consulApp,
  'msb-discovery': discoveryApp,
  'msb-apigateway': apigatewayApp,
  kube2msb: kube2msbApp,
  swagger: swaggerApp,
}
