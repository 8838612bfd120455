import { expect } from 'chai'
import { isProtobufContentType, PROTOBUF_CONTENT_TYPE } from './index.js'

describe('isProtobufContentType()', () => {
  it('accepts the protobuf media type with or without parameters', () => {
    expect(isProtobufContentType(PROTOBUF_CONTENT_TYPE)).to.equal(true)
    expect(isProtobufContentType('Application/VND.Kubernetes.Protobuf ; stream=watch')).to.equal(
      true
    )
  })

  it('rejects other media types and missing headers', () => {
    expect(isProtobufContentType('application/json')).to.equal(false)
    expect(isProtobufContentType('application/vnd.kubernetes.protobuf+json')).to.equal(false)
    expect(isProtobufContentType('')).to.equal(false)
    expect(isProtobufContentType(undefined)).to.equal(false)
  })
})
