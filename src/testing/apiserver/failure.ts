import { isStatusError, type StatusError } from '../../api/errors.js'

/** Returns the StatusError a call fails with; fails the test when it succeeds. */
export async function failure(p: Promise<unknown>): Promise<StatusError> {
  try {
    await p
  } catch (err) {
    if (isStatusError(err)) return err
    throw err
  }
  throw new Error('expected the call to fail')
}
