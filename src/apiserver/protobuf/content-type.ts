/** The media type of Kubernetes protobuf bodies (`Content-Type` of kubectl create and helm's Secrets). */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf'

/** Returns true when a Content-Type header names the Kubernetes protobuf media type. */
export function isProtobufContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return false
  // Parameters such as `;stream=watch` or `;charset=…` do not change the body format.
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase()
  return mediaType === PROTOBUF_CONTENT_TYPE
}
