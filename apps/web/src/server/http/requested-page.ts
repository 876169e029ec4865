/** The request header through which the proxy tells server components which page was asked for. */
export const REQUESTED_PAGE_HEADER = "x-clawfleet-requested-page";
