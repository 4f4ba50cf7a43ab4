import { BuddieError } from '@buddie/domain';

/**
 * A whole call failed. `decision` says what the caller may do (decideOnFailure): permanent when the
 * request itself is wrong, transient for limits, outages and time-outs.
 */
export class SalesforceCallError extends BuddieError {
  constructor(
    code: string,
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly limitExceeded = false,
  ) {
    super(code, message, !retryable);
  }
}

/** The token endpoint refused the credentials: wrong configuration, not something a retry fixes. */
export class SalesforceAuthError extends BuddieError {
  constructor(error: string, description: string) {
    super('SALESFORCE_AUTH_FAILED', `Salesforce refused the login: ${error} (${description})`, true);
  }
}
